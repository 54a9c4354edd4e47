package org.govledger.consensus.raft;

import java.util.concurrent.TimeUnit;
import org.apache.ratis.util.TimeDuration;

/**
 * How long a follower waits for the leader before it stands for election (a random time
 * between {@code electionMinMillis} and {@code electionMaxMillis}), how long one request to the
 * leader may take, and how many times a batch is sent (200 ms apart) before its transactions
 * are failed.
 */
public record RaftTimeouts(long electionMinMillis, long electionMaxMillis, long requestMillis,
    int attempts) {
  /**
   * Wider than Ratis's defaults (150–300 ms): several nodes sharing a few cores pause for GC
   * and compaction, and a needless election costs more than a slower failover.
   */
  public static final RaftTimeouts DEFAULT = new RaftTimeouts(1_000, 2_000, 3_000, 100);

  public RaftTimeouts {
    if (electionMinMillis < 50 || electionMaxMillis <= electionMinMillis) {
      throw new IllegalArgumentException("election timeout must be at least 50 ms and max > min, got "
          + electionMinMillis + ".." + electionMaxMillis);
    }
    if (requestMillis < 100 || attempts < 1) {
      throw new IllegalArgumentException("request timeout must be at least 100 ms and attempts at least 1");
    }
  }

  TimeDuration electionMin() {
    return TimeDuration.valueOf(electionMinMillis, TimeUnit.MILLISECONDS);
  }

  TimeDuration electionMax() {
    return TimeDuration.valueOf(electionMaxMillis, TimeUnit.MILLISECONDS);
  }

  TimeDuration request() {
    return TimeDuration.valueOf(requestMillis, TimeUnit.MILLISECONDS);
  }
}
