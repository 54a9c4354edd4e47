package org.govledger.consensus.raft;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.govledger.consensus.BatchCutter;
import org.govledger.consensus.BlockCut;
import org.govledger.consensus.ClusterStatus;
import org.govledger.consensus.Mempool;
import org.govledger.consensus.MempoolFullException;
import org.govledger.consensus.Orderer;
import org.govledger.consensus.OrdererStatus;
import org.govledger.consensus.TxOutcome;
import org.govledger.ledger.engine.BlockOutcome;
import org.govledger.ledger.engine.Engine;
import org.govledger.ledger.engine.OrderedBatch;
import org.govledger.ledger.tx.Transaction;
import org.govledger.ledger.tx.TxRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders transactions with the other nodes of a cluster through Apache Ratis (Raft, gRPC).
 *
 * <p>Any node takes submissions. The leader's {@link BatchCutter} cuts batches as the solo
 * orderer does and sends each one to the replicated log through a Ratis client. A follower
 * forwards what it admitted to the leader ({@link Forwarding}), so that the cluster makes one
 * stream of blocks, not one per node; if the leader cannot be reached, or has no room, the
 * follower sends its batch to the log itself. Once a batch is committed in the log, every node's
 * {@link LedgerStateMachine} applies it with its own engine, so every node checks every signature
 * and builds the same blocks. A submitter's future completes when its own node has applied the
 * batch that carried its transaction, whoever proposed it.
 */
public final class RaftOrderer implements Orderer {
  private static final Logger LOG = LoggerFactory.getLogger(RaftOrderer.class);

  /**
   * Batches sent and not yet answered. Few, on purpose: while they travel, the next batch fills,
   * so a busy node sends big batches (each becomes one block on every node, whose fixed cost,
   * two signatures and a synced write, is then shared by many transactions) and an idle one
   * answers fast. This is the solo orderer's group commit, across the cluster.
   */
  private static final int MAX_IN_FLIGHT = 2;

  /**
   * Forwards to the leader sent and not yet answered: as with batches, the next one fills while
   * these travel, so a busy follower forwards few big messages.
   */
  private static final int MAX_FORWARDS_IN_FLIGHT = 2;

  private final Engine engine;
  private final Clock clock;
  private final String selfId;
  private final RaftGroupId groupId;
  private final Mempool mempool;
  /** Replaced if Ratis stops it after an internal error (see {@link #watchRaft}). */
  private volatile RaftServer server;
  /** What the server starts from: the cluster's group, or none for a node waiting to join. */
  private final RaftGroup startGroup;
  private final AtomicLong raftRestarts = new AtomicLong();
  private final AtomicLong leaderNudges = new AtomicLong();
  /** When this node last led or knew a leader (monotonic clock); only the watchdog thread writes. */
  private long lastLedOrFollowedNanos = System.nanoTime();
  private long lastNudgeNanos = System.nanoTime();
  private volatile boolean closed;
  private final RaftProperties props;
  private final Parameters parameters = new Parameters();
  private final RaftGroup group;
  private final RaftTimeouts timeouts;
  private volatile LedgerStateMachine stateMachine;
  private volatile RaftClient client;
  private final BatchCutter cutter;
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private final Semaphore forwardsInFlight = new Semaphore(MAX_FORWARDS_IN_FLIGHT);
  /** Sends forwards: no retries, since a batch the leader did not take is ordered from here. */
  private final RaftClient forwarder;
  /** Batches the leader took, oldest first, until this node has seen their outcome. */
  private final ConcurrentLinkedQueue<Forwarded> forwarded = new ConcurrentLinkedQueue<>();
  /** Orders batches the leader did not take, off the gRPC threads that learn of it. */
  private final ExecutorService fallback = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "raft-order-here");
    t.setDaemon(true);
    return t;
  });
  private final long resendAfterNanos;
  private final AtomicLong forwardedTxs = new AtomicLong();
  private final AtomicLong notTakenTxs = new AtomicLong();
  private final AtomicLong resentTxs = new AtomicLong();
  /** Fault injection for tests: take forwarded transactions and lose them, as a leader that crashes. */
  private volatile boolean losesForwarded;
  private final AtomicLong blocks = new AtomicLong();
  private final AtomicLong committed = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  /** The cluster file: the members before any governance decision. */
  private final Cluster clusterFile;
  /** Makes the Raft group match the ledger's membership decisions (on the leader). */
  private final ScheduledExecutorService membership =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "raft-membership");
        t.setDaemon(true);
        return t;
      });

  private RaftOrderer(Engine engine, Cluster cluster, String selfId, Path raftDir,
      Optional<NodeTls> tls, boolean joining, BlockCut cut, int capacity, RaftTimeouts timeouts,
      LogRetention retention, Clock clock) throws IOException {
    this.clusterFile = cluster;
    this.engine = engine;
    this.clock = clock;
    this.selfId = selfId;
    this.mempool = new Mempool(capacity);
    ClusterMember self = cluster.require(selfId);
    String ledger = engine.view().genesis().ledger();
    this.groupId = RaftGroupId.valueOf(
        UUID.nameUUIDFromBytes(("govledger/" + ledger).getBytes(StandardCharsets.UTF_8)));
    List<RaftPeer> peers = new ArrayList<>();
    for (ClusterMember m : cluster.members()) {
      peers.add(RaftPeer.newBuilder().setId(m.id()).setAddress(m.raftAddress()).build());
    }
    this.group = RaftGroup.valueOf(groupId, peers);
    this.timeouts = timeouts;
    this.props = new RaftProperties();
    RaftServerConfigKeys.setStorageDir(props, List.of(raftDir.toFile()));
    GrpcConfigKeys.Server.setHost(props, self.host());
    GrpcConfigKeys.Server.setPort(props, self.raftPort());
    RaftServerConfigKeys.Rpc.setTimeoutMin(props, timeouts.electionMin());
    RaftServerConfigKeys.Rpc.setTimeoutMax(props, timeouts.electionMax());
    RaftClientConfigKeys.Rpc.setRequestTimeout(props, timeouts.request());
    // Ratis's leader waits 1 s, then 5 s, between attempts to reach a follower that stopped
    // answering; a follower back from a crash then sat idle up to 5 s before its catch-up began.
    // An attempt at a dead peer fails at once and costs nothing, so try every quarter second.
    RaftServerConfigKeys.Log.Appender.setRetryPolicy(props, "1ms,10, 250ms,1000000000");
    // Ratis 3.2 by default lets a follower "compose" an append with one already in flight that
    // starts at the same index, without comparing terms, and answers SUCCESS for entries it never
    // wrote. After a partition healed, the old leader (its own uncommitted entries at those
    // indices) then claimed a commit index beyond its log and answered every append of the new
    // leader with INCONSISTENCY, alternating nextIndex 20 and 21 for minutes (ClusterIT, 1 run in
    // about 8). Plain appends truncate a conflicting suffix, as Raft requires.
    RaftServerConfigKeys.Log.setAppendEntriesComposeEnabled(props, false);
    retain(props, retention);
    tls.ifPresent(t -> GrpcConfigKeys.TLS.setConf(parameters,
        t.grpc(id -> MembershipChanges.removed(engine.view()).contains(id))));

    // A joining node starts with no configuration: it takes no part in elections until the
    // leader, carrying out the ledger's add-node decision, sends it one.
    this.startGroup = joining ? RaftGroup.valueOf(groupId) : group;
    this.resendAfterNanos = TimeUnit.MILLISECONDS.toNanos(
        Math.max(10_000, 3 * timeouts.requestMillis()));
    this.server = newServer();
    this.client = newClient();
    this.forwarder = newForwarder();
    // While it follows, a node only gathers what arrives for a moment before forwarding it: the
    // leader's cut decides the blocks.
    BlockCut gather = new BlockCut(cut.maxTxs(), cut.maxWaitMillis() / 2);
    BlockCut lead = cut.sharedBy(cluster.members().size());
    this.cutter = new BatchCutter(
        mempool, () -> leaderElsewhere().isPresent() ? gather : lead, this::propose, "raft-proposer");
    membership.scheduleWithFixedDelay(() -> {
      watchRaft();
      watchFeeding();
      reconcileMembership();
      resendUnseen();
    }, 1, 1, TimeUnit.SECONDS);
    LOG.info("node {} of ledger {} joined Raft group {} with {} nodes; Raft on {} ({})", selfId,
        ledger, groupId, peers.size(), self.raftAddress(),
        tls.isPresent() ? "mutual TLS" : "plain TCP: no TLS material given");
  }

  /**
   * A Raft server on this node's log, with a state machine on its engine. Entries the store
   * already holds are passed over, so a new server resumes exactly where the last one stopped.
   */
  private RaftServer newServer() throws IOException {
    stateMachine = new LedgerStateMachine(
        engine, this::applied, this::fetchCatchUp, this::takeForwarded);
    RaftServer s = RaftServer.newBuilder()
        .setServerId(RaftPeerId.valueOf(selfId))
        .setGroup(startGroup)
        .setProperties(props)
        .setParameters(parameters)
        .setStateMachine(stateMachine)
        .setOption(RaftStorage.StartupOption.RECOVER)
        .build();
    s.start();
    return s;
  }

  /**
   * Ratis closes a node's group when its log worker fails (seen after a partition heals, under
   * load: two appends racing on a truncated log). The process would go on serving the API but
   * take no part in the cluster; instead, restart the Raft server from its log and store, as a
   * process restart would.
   */
  private void watchRaft() {
    if (closed) {
      return;
    }
    LifeCycle.State state;
    try {
      state = server.getDivision(groupId).getInfo().getLifeCycleState();
    } catch (IOException e) {
      state = LifeCycle.State.CLOSED;
    }
    if (!state.isClosingOrClosed() && state != LifeCycle.State.EXCEPTION) {
      return;
    }
    LOG.error("this node's Raft server stopped (state {}); restarting it from its log and store",
        state);
    try {
      server.close(); // waits for the old state machine to finish what it was applying
    } catch (IOException e) {
      LOG.warn("closing the stopped Raft server: {}", e.toString());
    }
    try {
      server = newServer();
      raftRestarts.incrementAndGet();
      LOG.info("Raft server restarted ({} restarts since this node started)", raftRestarts.get());
    } catch (IOException | RuntimeException e) {
      LOG.error("could not restart the Raft server (trying again in 1 s): {}", e.toString());
    }
  }

  /**
   * Ratis 3.2.2's leader can stop feeding one follower for good: its log appender for that
   * follower fails ("Log entry not found" or "Previous TermIndex not found", when the log was
   * purged under it) and is not restarted, while the leader goes on leading the others. The
   * follower then hears from no leader, and its elections are refused, since the others do have
   * one. So a node that has known no leader for ten election timeouts asks each peer it can reach
   * for its view; a peer that leads and has not heard from this node for as long is asked to step
   * down, and whoever leads next starts with new log appenders. A partitioned node reaches no
   * leader and asks nothing.
   */
  private void watchFeeding() {
    if (closed) {
      return;
    }
    long now = System.nanoTime();
    RaftServer.Division division;
    try {
      division = server.getDivision(groupId);
    } catch (IOException e) {
      return; // watchRaft restarts a closed group
    }
    DivisionInfo info = division.getInfo();
    if (info.isLeader() || info.getLeaderId() != null) {
      lastLedOrFollowedNanos = now;
      return;
    }
    long unfedNanos = TimeUnit.MILLISECONDS.toNanos(10 * timeouts.electionMaxMillis());
    if (now - lastLedOrFollowedNanos < unfedNanos || now - lastNudgeNanos < unfedNanos) {
      return;
    }
    lastNudgeNanos = now;
    List<RaftPeer> peers = new ArrayList<>(division.getRaftConf().getCurrentPeers());
    try (RaftClient probe = RaftClient.newBuilder()
        .setProperties(props)
        .setParameters(parameters)
        .setRaftGroup(RaftGroup.valueOf(groupId, peers))
        .setRetryPolicy(RetryPolicies.noRetry())
        .build()) {
      for (RaftPeer peer : peers) {
        if (peer.getId().toString().equals(selfId)) {
          continue;
        }
        RoleInfoProto role;
        try {
          role = probe.getGroupManagementApi(peer.getId()).info(groupId).getRoleInfoProto();
        } catch (IOException e) {
          continue; // not reachable from here: a partition, not a stalled leader
        }
        if (!role.hasLeaderInfo()) {
          continue;
        }
        for (var follower : role.getLeaderInfo().getFollowerInfoList()) {
          long silentMillis = follower.getLastRpcElapsedTimeMs();
          if (follower.getId().getId().toStringUtf8().equals(selfId)
              && silentMillis >= TimeUnit.NANOSECONDS.toMillis(unfedNanos)) {
            LOG.warn("{} leads the others but has sent this node nothing for {} s (its Raft log"
                + " appender for this node has stopped); asking it to step down", peer.getId(),
                silentMillis / 1000);
            probe.admin().transferLeadership(null, peer.getId(), timeouts.requestMillis());
            leaderNudges.incrementAndGet();
            return;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("asking the peers whether a leader has stopped feeding this node: {}", e.toString());
    }
  }

  /**
   * For tests: from now on this node, while it leads, answers that it took forwarded transactions
   * and drops them, as a leader that crashes before ordering them would.
   */
  void loseForwarded() {
    losesForwarded = true;
  }

  /** How often {@link #watchFeeding} asked a leader to step down; for tests. */
  long leaderNudges() {
    return leaderNudges.get();
  }

  /** How often {@link #watchRaft} restarted the Raft server; for tests and health. */
  long raftRestarts() {
    return raftRestarts.get();
  }

  /** This node's Raft group, as Ratis runs it now; for tests. */
  RaftServer.Division division() throws IOException {
    return server.getDivision(groupId);
  }

  /**
   * Starts this node's Raft server (its log under {@code raftDir}) and joins the cluster.
   *
   * @param tls this node's key and certificate and the cluster's CA: all Raft traffic is then
   *     mutual TLS, and only nodes with a certificate from that CA are heard (empty: plain TCP,
   *     for tests on one machine)
   * @throws IOException if the Raft log cannot be opened or the port bound
   */
  public static RaftOrderer start(Engine engine, Cluster cluster, String selfId, Path raftDir,
      Optional<NodeTls> tls, BlockCut cut, int capacity, RaftTimeouts timeouts,
      LogRetention retention, Clock clock) throws IOException {
    return new RaftOrderer(engine, cluster, selfId, raftDir, tls, false, cut, capacity, timeouts,
        retention, clock);
  }

  /**
   * Starts a node that is to join a running cluster: it waits, out of the Raft group, until the
   * admins' {@code add-node} decision is committed and the leader adds it; it then receives the
   * log (or, if the leader no longer keeps its beginning, the blocks) and applies it.
   */
  public static RaftOrderer join(Engine engine, Cluster cluster, String selfId, Path raftDir,
      Optional<NodeTls> tls, BlockCut cut, int capacity, RaftTimeouts timeouts,
      LogRetention retention, Clock clock) throws IOException {
    return new RaftOrderer(engine, cluster, selfId, raftDir, tls, true, cut, capacity, timeouts,
        retention, clock);
  }

  /** Snapshots are markers (the store is the snapshot); see {@link LogRetention}. */
  private static void retain(RaftProperties props, LogRetention retention) {
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(props, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(props, retention.snapshotEvery());
    RaftServerConfigKeys.Snapshot.setRetentionFileNum(props, 2);
    // Drop up to the snapshot even while a node is down: otherwise one dead node would keep the
    // whole log on every other. The node catches up by blocks when it comes back.
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(props, true);
    RaftServerConfigKeys.Log.setPurgePreservationLogNum(props, retention.keepEntries());
    RaftServerConfigKeys.Log.setPurgeGap(props, (int) Math.min(1024, retention.snapshotEvery()));
    RaftServerConfigKeys.Log.setSegmentSizeMax(props, SizeInBytes.valueOf(retention.segmentBytes()));
    // Ratis keeps the entries of up to 6 log files (200 MB) on the heap by default, beside the
    // ledger's own caches: with 32 MB files the cluster bench's nodes held 250-430 MB after a
    // collection against one node's 100 MB, and one stalled allocations for 350 ms. The open file
    // and the one before it hold what the commit and the followers read; older entries, which
    // only a node catching up asks for, are read from disk again.
    RaftServerConfigKeys.Log.setSegmentCacheNumMax(props, 2);
    RaftServerConfigKeys.Log.setSegmentCacheSizeMax(props,
        SizeInBytes.valueOf(2 * retention.segmentBytes()));
    // Followers are told to catch up themselves (by blocks) instead of being sent files.
    RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(props, false);
  }

  /**
   * One catch-up request, to the leader if known, else to each other node in turn. A stale read:
   * any node answers from what it has applied, without a round of consensus.
   */
  private ByteBuffer fetchCatchUp(Optional<RaftPeerId> preferred, byte[] request) throws IOException {
    List<RaftPeerId> order = new ArrayList<>();
    preferred.ifPresent(order::add);
    group.getPeers().stream().map(RaftPeer::getId)
        .filter(id -> !order.contains(id) && !id.toString().equals(selfId))
        .forEach(order::add);
    IOException failure = new IOException("no other node to catch up from");
    for (RaftPeerId peer : order) {
      try {
        RaftClientReply reply = client.io().sendStaleRead(
            Message.valueOf(ByteString.copyFrom(request)), 0, peer);
        if (reply.isSuccess()) {
          return reply.getMessage().getContent().asReadOnlyByteBuffer();
        }
        failure = new IOException(peer + " did not serve blocks: " + reply.getException());
      } catch (IOException e) {
        failure = new IOException(peer + " did not serve blocks: " + e.getMessage(), e);
      }
    }
    throw failure;
  }

  /**
   * On the leader: makes the Raft configuration what the ledger decided (the cluster file's
   * nodes, plus those added by governance, less those removed). Runs every second, so it also
   * finishes a change that a previous leader did not.
   */
  private void reconcileMembership() {
    try {
      RaftServer.Division division = server.getDivision(groupId);
      if (!division.getInfo().isLeader() || !division.getInfo().isLeaderReady()) {
        return;
      }
      List<ClusterMember> decided = MembershipChanges.members(clusterFile, engine.view());
      Set<String> want = new TreeSet<>();
      decided.forEach(m -> want.add(m.id()));
      Set<String> have = new TreeSet<>();
      division.getRaftConf().getCurrentPeers().forEach(p -> have.add(p.getId().toString()));
      if (want.equals(have)) {
        return;
      }
      LOG.info("carrying out the ledger's membership decision: Raft group {} -> {}", have, want);
      List<RaftPeer> peers = new ArrayList<>();
      for (ClusterMember m : decided) {
        peers.add(RaftPeer.newBuilder().setId(m.id()).setAddress(m.raftAddress()).build());
      }
      RaftClientReply reply = client.admin().setConfiguration(peers);
      if (!reply.isSuccess()) {
        LOG.warn("the membership change to {} did not succeed: {}", want, reply.getException());
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("membership change not carried out yet (retrying in 1 s): {}", e.toString());
    }
  }

  /**
   * A client that sends to this node first (the leader may be here) and follows redirects. It
   * keeps trying for a while, so that an election in progress delays a batch instead of failing
   * it.
   */
  private RaftClient newClient() {
    return RaftClient.newBuilder()
        .setProperties(props)
        .setParameters(parameters)
        .setRaftGroup(group)
        .setLeaderId(RaftPeerId.valueOf(selfId))
        .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(
            timeouts.attempts(), TimeDuration.valueOf(200, TimeUnit.MILLISECONDS)))
        .build();
  }

  /** A client for forwards: one try, then the batch is ordered from here. */
  private RaftClient newForwarder() {
    return RaftClient.newBuilder()
        .setProperties(props)
        .setParameters(parameters)
        .setRaftGroup(group)
        .setRetryPolicy(RetryPolicies.noRetry())
        .build();
  }

  /**
   * After a send fails for good, Ratis closes the client's ordered window and refuses every
   * later send on it; a new client starts a new window.
   */
  private synchronized void replaceClient(RaftClient failed) {
    if (client != failed) {
      return; // another failed batch replaced it already
    }
    client = newClient();
    try {
      failed.close();
    } catch (IOException e) {
      LOG.debug("closing a failed Raft client: {}", e.toString());
    }
  }

  @Override
  public CompletableFuture<TxOutcome> submit(Transaction tx) {
    if (!cutter.isRunning()) {
      throw new IllegalStateException("the node is shutting down");
    }
    return mempool.add(tx);
  }

  /** The leader, when it is another node: where this node forwards what it admits. */
  private record Leader(RaftPeerId id, long term) {}

  private Optional<Leader> leaderElsewhere() {
    try {
      DivisionInfo info = server.getDivision(groupId).getInfo();
      RaftPeerId leader = info.getLeaderId();
      if (info.isLeader() || leader == null || leader.toString().equals(selfId)) {
        return Optional.empty();
      }
      return Optional.of(new Leader(leader, info.getCurrentTerm()));
    } catch (IOException e) {
      return Optional.empty(); // the group is down: order here, which waits for it
    }
  }

  /** A cut batch: forwarded to the leader while another node leads, else ordered from here. */
  private void propose(List<Transaction> txs) {
    Optional<Leader> leader = leaderElsewhere();
    if (leader.isPresent()) {
      forward(txs, leader.get());
    } else {
      order(txs);
    }
  }

  /**
   * Hands a batch to the leader's mempool. Its transactions stay waiting here, and complete when
   * this node applies the block that carries them. A batch the leader did not take is ordered
   * from here instead.
   */
  private void forward(List<Transaction> txs, Leader leader) {
    try {
      forwardsInFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to forward a batch", e);
    }
    byte[] bytes = Forwarding.request(
        BatchCodec.encode(new OrderedBatch(clock.millis(), engine.nodeKeyId(), txs)));
    RaftClient sender = forwarder;
    CompletableFuture<RaftClientReply> reply;
    try {
      reply = sender.async().sendReadOnlyUnordered(
          Message.valueOf(UnsafeByteOperations.unsafeWrap(bytes)), leader.id());
    } catch (RuntimeException e) {
      forwardsInFlight.release();
      notTaken(txs, e.toString());
      return;
    }
    reply.whenComplete((r, err) -> {
      forwardsInFlight.release();
      Forwarding.Answer answer = err == null && r.isSuccess()
          ? Forwarding.Answer.decode(r.getMessage().getContent().asReadOnlyByteBuffer())
          : Forwarding.Answer.NOT_LEADER;
      if (answer == Forwarding.Answer.TAKEN) {
        forwardedTxs.addAndGet(txs.size());
        forwarded.add(new Forwarded(txs, leader, System.nanoTime()));
        return;
      }
      Throwable why = err != null ? err : r.getException();
      notTaken(txs, answer == Forwarding.Answer.NO_ROOM ? "its mempool is full"
          : why != null ? why.toString() : "it does not lead");
    });
  }

  /** A batch the leader took, and when: if its outcome never arrives, it is sent again. */
  private record Forwarded(List<Transaction> txs, Leader leader, long sentNanos) {}

  private void notTaken(List<Transaction> txs, String why) {
    LOG.debug("the leader did not take a forwarded batch of {} ({}); ordering it from here",
        txs.size(), why);
    notTakenTxs.addAndGet(txs.size());
    orderHere(txs);
  }

  /** Sends a batch to the log from this node, off the thread that decided to. */
  private void orderHere(List<Transaction> txs) {
    fallback.execute(() -> {
      try {
        order(txs);
      } catch (RuntimeException e) {
        mempool.fail(txs, e);
      }
    });
  }

  /**
   * On the leader: queues transactions a follower forwarded. Those already waiting here (sent
   * again after a leader change, or forwarded by two nodes) are taken as they are.
   */
  private Forwarding.Answer takeForwarded(List<Transaction> txs) {
    BatchCutter running = cutter; // null while this node is still starting
    if (running == null || !running.isRunning() || !isLeader()) {
      return Forwarding.Answer.NOT_LEADER;
    }
    if (mempool.room() < txs.size()) {
      return Forwarding.Answer.NO_ROOM;
    }
    if (losesForwarded) {
      return Forwarding.Answer.TAKEN;
    }
    for (Transaction tx : txs) {
      try {
        mempool.add(tx); // the follower waits for the outcome; nobody here does
      } catch (TxRejectedException alreadyWaiting) {
        // queued or in a batch already: it will be decided once
      } catch (MempoolFullException e) {
        return Forwarding.Answer.NO_ROOM; // those taken so far are decided once; the rest ordered there
      }
    }
    return Forwarding.Answer.TAKEN;
  }

  private boolean isLeader() {
    try {
      return server.getDivision(groupId).getInfo().isLeader();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * A leader that took a batch may crash before ordering it, or fail to: a forwarded transaction
   * whose outcome this node has not seen once the leader changed, or after a while, is ordered
   * from here. If the first copy did commit after all, the engine refuses the second as a replay,
   * and the submitter is told where the first one is.
   */
  private void resendUnseen() {
    Optional<Leader> now = leaderElsewhere();
    long nowNanos = System.nanoTime();
    Forwarded f;
    while ((f = forwarded.peek()) != null) {
      List<Transaction> unseen = new ArrayList<>();
      for (Transaction tx : f.txs()) {
        if (mempool.isWaiting(tx.id())) {
          unseen.add(tx);
        }
      }
      boolean leaderChanged = !now.equals(Optional.of(f.leader()));
      if (!unseen.isEmpty() && !leaderChanged && nowNanos - f.sentNanos() < resendAfterNanos) {
        return; // the oldest still has time; the later ones too
      }
      forwarded.poll();
      if (!unseen.isEmpty()) {
        LOG.info("{} transactions forwarded to {} (term {}) {} s ago have not been seen in a block;"
            + " ordering them from here", unseen.size(), f.leader().id(), f.leader().term(),
            TimeUnit.NANOSECONDS.toSeconds(nowNanos - f.sentNanos()));
        resentTxs.addAndGet(unseen.size());
        orderHere(unseen);
      }
    }
  }

  /** Sends one batch to the replicated log; its transactions complete when this node applies it. */
  private void order(List<Transaction> txs) {
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to send a batch", e);
    }
    byte[] bytes = BatchCodec.encode(new OrderedBatch(clock.millis(), engine.nodeKeyId(), txs));
    CompletableFuture<RaftClientReply> reply;
    RaftClient sender = client;
    try {
      reply = sender.async().send(Message.valueOf(ByteString.copyFrom(bytes)));
    } catch (RuntimeException e) {
      inFlight.release();
      throw e;
    }
    reply.whenComplete((r, err) -> {
      inFlight.release();
      if (err != null || !r.isSuccess()) {
        Throwable why = err != null ? err : r.getException();
        LOG.warn("a batch of {} transactions was not confirmed by the cluster: {}", txs.size(),
            why == null ? "no reason given" : why.toString());
        if (err != null) {
          replaceClient(sender);
        }
        mempool.fail(txs, new ClusterUnavailableException(
            "the cluster did not confirm ordering (" + (why == null ? "no reply" : why.getMessage())
                + "): no leader could be reached with a majority behind it. The transaction may"
                + " still commit: look it up by id before sending it again (a replay is refused)"));
      }
    });
  }

  private void applied(BlockOutcome outcome) {
    outcome.block().ifPresent(b -> blocks.incrementAndGet());
    committed.addAndGet(outcome.committed().size());
    refused.addAndGet(outcome.rejected().size());
    mempool.complete(outcome, engine.view());
  }

  @Override
  public OrdererStatus status() {
    return new OrdererStatus("raft", mempool.queued(), mempool.capacity(), blocks.get(),
        committed.get(), refused.get(), Optional.of(clusterStatus()));
  }

  private ClusterStatus clusterStatus() {
    try {
      RaftServer.Division division = server.getDivision(groupId);
      DivisionInfo info = division.getInfo();
      long commitIndex = division.getRaftLog().getLastCommittedIndex();
      List<ClusterStatus.Peer> peers = new ArrayList<>();
      RoleInfoProto role = info.getRoleInfoProto();
      if (info.isLeader() && role.hasLeaderInfo()) {
        long[] match = info.getFollowerMatchIndices();
        var followers = role.getLeaderInfo().getFollowerInfoList();
        for (int i = 0; i < followers.size() && i < match.length; i++) {
          var f = followers.get(i);
          peers.add(new ClusterStatus.Peer(f.getId().getId().toStringUtf8(), match[i],
              Math.max(0, commitIndex - match[i]), f.getLastRpcElapsedTimeMs()));
        }
      }
      Optional<String> leader = Optional.ofNullable(info.getLeaderId()).map(RaftPeerId::toString);
      return new ClusterStatus(selfId, info.getCurrentRole().name(), info.getCurrentTerm(), leader,
          commitIndex, info.getLastAppliedIndex(), division.getRaftLog().getStartIndex(),
          stateMachine.blocksFetched(), new ClusterStatus.Forwarding(forwardedTxs.get(),
              notTakenTxs.get(), resentTxs.get()), peers);
    } catch (IOException e) {
      throw new UncheckedIOException("this node's Raft group is not running", e);
    }
  }

  @Override
  public void close() {
    closed = true;
    membership.shutdownNow();
    cutter.close();
    fallback.shutdown();
    try {
      if (!fallback.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("batches the leader did not take were still being ordered after 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      forwarder.close();
    } catch (IOException e) {
      LOG.warn("closing the forwarding client: {}", e.toString());
    }
    try {
      client.close();
    } catch (IOException e) {
      LOG.warn("closing the Raft client: {}", e.toString());
    }
    try {
      server.close();
    } catch (IOException e) {
      LOG.warn("closing the Raft server: {}", e.toString());
    }
  }
}
