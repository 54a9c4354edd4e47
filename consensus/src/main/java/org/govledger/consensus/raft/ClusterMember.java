package org.govledger.consensus.raft;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One node of a cluster, as the cluster file names it.
 *
 * @param id short name, unique in the cluster ({@code n1}, {@code shenzhen-1})
 * @param host where its Raft (gRPC) port listens
 * @param raftPort that port
 * @param api its HTTP API's base address, if published (shown to clients as the leader's)
 */
public record ClusterMember(String id, String host, int raftPort, Optional<String> api) {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

  public ClusterMember {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("a node id is 1-32 lower-case letters, digits and"
          + " dashes, starting with a letter or digit; got \"" + id + "\"");
    }
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("node " + id + " has no host");
    }
    if (raftPort < 1 || raftPort > 65535) {
      throw new IllegalArgumentException("node " + id + ": raft port must be 1..65535, got " + raftPort);
    }
  }

  /** {@code host:port} of its Raft endpoint. */
  public String raftAddress() {
    return host + ":" + raftPort;
  }
}
