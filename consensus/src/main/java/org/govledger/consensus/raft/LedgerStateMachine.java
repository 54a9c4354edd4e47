package org.govledger.consensus.raft;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.govledger.ledger.engine.BlockOutcome;
import org.govledger.ledger.engine.CommittedBlock;
import org.govledger.ledger.engine.Engine;
import org.govledger.ledger.engine.OrderedBatch;
import org.govledger.ledger.engine.OrdererPosition;
import org.govledger.ledger.engine.LedgerView;
import org.govledger.ledger.tx.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The boundary between Ratis and the ledger: each committed log entry is one ordered batch,
 * which the engine validates (every signature, on this node), executes and commits as a block,
 * together with the entry's term and index, in one synced write.
 *
 * <p>Two stages, so that a node catching up or following a busy leader keeps its cores busy: one
 * thread decodes the next entries and checks their signatures ahead (on the engine's verify
 * pool) while another commits blocks strictly in log order. At most {@link #MAX_AHEAD} entries
 * are ahead of the commit: Ratis waits for a slot before handing over the next.
 *
 * <p>The ledger's store is its own snapshot: it always holds everything up to the position it
 * records. Taking a snapshot is therefore only writing down the last applied entry (a marker
 * file), after which Ratis may drop the log before it ({@link LogRetention}). When Ratis replays
 * the log after a restart, entries at or below the stored position are passed over instead of
 * applied twice. A node that needs entries the leader no longer keeps asks the leader for its
 * blocks instead ({@link CatchUp}) and applies them with its own engine.
 */
final class LedgerStateMachine extends BaseStateMachine {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerStateMachine.class);
  private static final Message APPLIED = Message.valueOf("applied");
  /**
   * Entries decoded and checked ahead of the one being committed, at most. Ratis hands over every
   * committed entry at once; a node catching up on tens of thousands of them held them all
   * decoded, 350-400 MB of a 512 MB heap after each collection, and spent its time collecting.
   */
  static final int MAX_AHEAD = 8;
  /** Bytes of blocks in one catch-up reply, about (at least one block). */
  static final int CATCH_UP_REPLY_BYTES = 4 << 20;

  /** Fetches catch-up replies from a peer's state machine. */
  interface CatchUpSource {
    ByteBuffer fetch(Optional<RaftPeerId> preferred, byte[] request) throws IOException;
  }

  /** Takes the transactions a follower forwarded to this node (see {@link Forwarding}). */
  interface ForwardedSink {
    Forwarding.Answer take(List<Transaction> txs);
  }

  private final Engine engine;
  private final BatchCodec codec;
  private final Consumer<BlockOutcome> onApplied;
  private final CatchUpSource catchUpSource;
  private final ForwardedSink forwardedSink;
  private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
  private final ExecutorService prepare = Executors.newSingleThreadExecutor(named("ledger-prepare"));
  private final ExecutorService commit = Executors.newSingleThreadExecutor(named("ledger-commit"));
  /** The last queued step (an entry's commit, a catch-up); the next one runs after it. */
  private CompletableFuture<?> last = CompletableFuture.completedFuture(null);
  private final Object queue = new Object();
  /** Slots for entries between Ratis's hand-over and their commit (see {@link #MAX_AHEAD}). */
  private final Semaphore ahead = new Semaphore(MAX_AHEAD);
  /** The highest log index whose effect the store holds; entries at or below it are passed over. */
  private volatile long storedThrough;
  /** What this node can serve to one catching up; written on the commit thread only. */
  private volatile CatchUp.Point point;
  private final AtomicLong blocksFetched = new AtomicLong();

  LedgerStateMachine(Engine engine, Consumer<BlockOutcome> onApplied, CatchUpSource catchUpSource,
      ForwardedSink forwardedSink) {
    this.engine = engine;
    this.codec = new BatchCodec(engine.view().genesis().suite().hash());
    this.onApplied = onApplied;
    this.catchUpSource = catchUpSource;
    this.forwardedSink = forwardedSink;
    Optional<OrdererPosition> stored = engine.ordererPosition();
    this.storedThrough = stored.map(OrdererPosition::index).orElse(-1L);
    this.point = new CatchUp.Point(engine.view().head().height(),
        stored.map(OrdererPosition::term).orElse(0L), storedThrough);
    stored.ifPresent(p -> LOG.info("ledger {} holds the replicated log up to index {} (term {})",
        engine.view().genesis().ledger(), p.index(), p.term()));
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage)
      throws IOException {
    getLifeCycle().startAndTransition(() -> {
      super.initialize(server, groupId, raftStorage);
      storage.init(raftStorage);
      loadSnapshotMarker();
    });
  }

  /**
   * Ratis starts applying after the latest snapshot's index. Entries between the last one that
   * made a block and that index made none, so this node's store is exactly at the marker.
   */
  private void loadSnapshotMarker() {
    SingleFileSnapshotInfo marker = storage.loadLatestSnapshot();
    if (marker == null) {
      return;
    }
    setLastAppliedTermIndex(marker.getTermIndex());
    CatchUp.Point p = point;
    if (marker.getIndex() > p.index()) {
      point = new CatchUp.Point(p.height(), marker.getTerm(), marker.getIndex());
    }
  }

  @Override
  public StateMachineStorage getStateMachineStorage() {
    return storage;
  }

  /** Called by Ratis for each committed entry, in log order, on one thread. */
  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    long term = entry.getTerm();
    long index = entry.getIndex();
    boolean holdsSlot = index > storedThrough && waitForSlot();
    CompletableFuture<OrderedBatch> prepared = index <= storedThrough
        ? CompletableFuture.completedFuture(null)
        : CompletableFuture.supplyAsync(() -> {
          OrderedBatch batch = codec.decode(
              entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer(), engine.nodeKeyId());
          engine.verifyAhead(batch.txs());
          return batch;
        }, prepare);
    synchronized (queue) {
      CompletableFuture<Message> applied = last.thenCombineAsync(prepared,
          (previous, batch) -> commit(batch, term, index), commit);
      if (holdsSlot) {
        applied.whenComplete((done, failed) -> ahead.release());
      }
      last = applied;
      return applied;
    }
  }

  /**
   * Waits, on Ratis's thread that hands over committed entries, until fewer than {@link #MAX_AHEAD}
   * wait for their commit: back-pressure from the ledger to the log. False if interrupted (Ratis is
   * stopping), in which case the entry goes ahead without a slot.
   */
  private boolean waitForSlot() {
    try {
      ahead.acquire();
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Ratis's own entries (configuration, a new leader's first entry) carry no batch; they still
   * move the applied index, after the batches before them.
   */
  @Override
  public void notifyTermIndexUpdated(long term, long index) {
    synchronized (queue) {
      last = last.thenRunAsync(() -> {
        if (index > storedThrough) {
          point = new CatchUp.Point(engine.view().head().height(), term, index);
        }
        advanceApplied(term, index);
      }, commit);
    }
  }

  private Message commit(OrderedBatch batch, long term, long index) {
    if (index <= storedThrough) { // replayed after a restart, or fetched as blocks meanwhile
      advanceApplied(term, index);
      return APPLIED;
    }
    BlockOutcome outcome = applyOrHalt(batch, new OrdererPosition(term, index));
    advanceApplied(term, index);
    onApplied.accept(outcome);
    return APPLIED;
  }

  private BlockOutcome applyOrHalt(OrderedBatch batch, OrdererPosition position) {
    BlockOutcome outcome;
    try {
      outcome = engine.apply(batch, position);
    } catch (RuntimeException e) {
      // Skipping an entry would make this node's chain differ from the others', and Ratis
      // would go on to the next entry. Stop instead (fail-stop); after a restart the node
      // replays from the last position its store holds.
      LOG.error("could not apply log entry {} (term {}) to the ledger; stopping this node",
          position.index(), position.term(), e);
      Runtime.getRuntime().halt(70);
      throw e;
    }
    storedThrough = position.index();
    point = new CatchUp.Point(engine.view().head().height(), position.term(), position.index());
    return outcome;
  }

  /** After a catch-up, Ratis hands over entries it already passed; the applied index never goes back. */
  private void advanceApplied(long term, long index) {
    if (index > getLastAppliedTermIndex().getIndex()) {
      updateLastAppliedTermIndex(term, index);
    }
  }

  /**
   * Records that the store holds every entry up to the last applied one; Ratis may then drop the
   * log before it. Everything applied is already durable, so there is nothing else to write.
   */
  @Override
  public long takeSnapshot() throws IOException {
    TermIndex applied = getLastAppliedTermIndex();
    if (applied.getIndex() < 0) {
      return RaftLog.INVALID_LOG_INDEX;
    }
    writeSnapshotMarker(applied);
    return applied.getIndex();
  }

  private void writeSnapshotMarker(TermIndex at) throws IOException {
    Path file = storage.getSnapshotFile(at.getTerm(), at.getIndex()).toPath();
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.createDirectories(file.getParent());
    Files.writeString(tmp, "govledger: the ledger store holds every log entry up to term "
        + at.getTerm() + " index " + at.getIndex() + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file, null), at));
  }

  /**
   * Answers a peer's stale read: transactions a follower forwards to this node as the leader, or
   * a peer catching up, served blocks from the asked height on, up to {@link #point}.
   */
  @Override
  public CompletableFuture<Message> query(Message request) {
    try {
      ByteBuffer bytes = request.getContent().asReadOnlyByteBuffer();
      if (Forwarding.isRequest(bytes)) {
        bytes.get();
        List<Transaction> txs = codec.decode(bytes, engine.nodeKeyId()).txs();
        return CompletableFuture.completedFuture(
            Message.valueOf(ByteString.copyFrom(forwardedSink.take(txs).encode())));
      }
      CatchUp.Request asked = CatchUp.Request.decode(bytes);
      return CompletableFuture.completedFuture(
          Message.valueOf(ByteString.copyFrom(blocksFrom(asked).encode())));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CatchUp.Reply blocksFrom(CatchUp.Request asked) {
    CatchUp.Point at = point;
    LedgerView view = engine.view();
    List<CatchUp.Block> blocks = new ArrayList<>();
    long bytes = 0;
    for (long h = asked.from(); h <= at.height() && (blocks.isEmpty() || bytes < asked.maxBytes()); h++) {
      final long height = h;
      CommittedBlock block = view.block(h).orElseThrow(() -> new IllegalStateException(
          "block " + height + " is missing from this node's store"));
      OrdererPosition position = engine.blockPosition(h).orElseThrow(() -> new IllegalStateException(
          "this node does not know which log entry made block " + height + " (committed by an"
              + " older version); catch up from another node, or copy a stopped node's data"));
      long end = block.header().logSize();
      List<byte[]> txs = new ArrayList<>(block.header().txCount());
      for (long i = end - block.header().txCount(); i < end; i++) {
        final long logIndex = i;
        txs.add(view.transaction(i).orElseThrow(() -> new IllegalStateException(
            "transaction " + logIndex + " is missing from this node's store")));
      }
      byte[] batch = BatchCodec.encode(block.header().time(), block.header().proposer(), txs);
      bytes += batch.length;
      blocks.add(new CatchUp.Block(h, position, block.hash(), batch));
    }
    return new CatchUp.Reply(at, blocks);
  }

  /**
   * The leader no longer keeps the entries this node misses. Fetch its blocks instead, apply each
   * with this node's engine (every signature checked, every transaction executed again) and
   * compare the hash with the leader's; then tell Ratis where the store now stands.
   */
  @Override
  public CompletableFuture<TermIndex> notifyInstallSnapshotFromLeader(
      RoleInfoProto role, TermIndex firstInLeaderLog) {
    Optional<RaftPeerId> leader = role.hasFollowerInfo() && role.getFollowerInfo().hasLeaderInfo()
        ? Optional.of(RaftPeerId.valueOf(role.getFollowerInfo().getLeaderInfo().getId().getId()))
        : Optional.empty();
    synchronized (queue) {
      CompletableFuture<TermIndex> caughtUp =
          last.thenApplyAsync(v -> catchUp(leader, firstInLeaderLog), commit);
      last = caughtUp.exceptionally(e -> null); // a failed catch-up is retried; later steps go on
      return caughtUp;
    }
  }

  private TermIndex catchUp(Optional<RaftPeerId> from, TermIndex firstInLeaderLog) {
    long needed = firstInLeaderLog.getIndex() - 1;
    long startHeight = engine.view().head().height();
    long started = System.nanoTime();
    LOG.info("the log entries after index {} that this node needs are no longer kept (the leader's"
        + " log starts at {}); fetching blocks from height {} from {} instead", storedThrough,
        firstInLeaderLog.getIndex(), startHeight + 1, from.map(Object::toString).orElse("a peer"));
    try {
      while (true) {
        long next = engine.view().head().height() + 1;
        CatchUp.Reply reply = CatchUp.Reply.decode(catchUpSource.fetch(from,
            new CatchUp.Request(next, CATCH_UP_REPLY_BYTES).encode()));
        for (CatchUp.Block b : reply.blocks()) {
          applyFetched(b, next++);
        }
        CatchUp.Point sender = reply.point();
        if (next > sender.height() && sender.index() >= needed) {
          TermIndex at = TermIndex.valueOf(sender.term(), sender.index());
          storedThrough = Math.max(storedThrough, sender.index());
          point = sender;
          writeSnapshotMarker(at);
          advanceApplied(sender.term(), sender.index());
          LOG.info("caught up by blocks: {} blocks fetched and applied in {} ms; the store now holds"
              + " the log up to index {}", next - 1 - startHeight,
              TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), sender.index());
          return at;
        }
        if (reply.blocks().isEmpty()) {
          Thread.sleep(200); // the sender has not yet applied as far as the leader's log starts
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("catch-up by blocks failed (Ratis will ask again): "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("catch-up interrupted", e);
    }
  }

  private void applyFetched(CatchUp.Block b, long expectedHeight) {
    if (b.height() != expectedHeight) {
      throw new IllegalStateException("catch-up: expected block " + expectedHeight + ", the peer"
          + " sent block " + b.height());
    }
    OrderedBatch batch = codec.decode(ByteBuffer.wrap(b.batch()), engine.nodeKeyId());
    BlockOutcome outcome = applyOrHalt(batch, b.position());
    byte[] ours = outcome.block().map(CommittedBlock::hash).orElse(new byte[0]);
    if (!Arrays.equals(ours, b.hash())) {
      // This node has now committed a block the peer does not have: one of the two is broken.
      LOG.error("block {} as this node computed it ({}) differs from the peer's ({}): the chains"
          + " disagree; stopping this node. Run `govledger cluster check` and `audit`.",
          b.height(), HexFormat.of().formatHex(ours), HexFormat.of().formatHex(b.hash()));
      Runtime.getRuntime().halt(71);
    }
    blocksFetched.incrementAndGet();
    onApplied.accept(outcome);
  }

  /** Blocks this node has fetched from peers since it started (for health and tests). */
  long blocksFetched() {
    return blocksFetched.get();
  }

  @Override
  public void pause() {
    if (getLifeCycleState() == LifeCycle.State.RUNNING) {
      getLifeCycle().transition(LifeCycle.State.PAUSING);
      getLifeCycle().transition(LifeCycle.State.PAUSED);
    }
  }

  /** After a catch-up: the store already holds it, and the marker says where it stands. */
  @Override
  public void reinitialize() {
    loadSnapshotMarker();
    if (getLifeCycleState() == LifeCycle.State.PAUSED) {
      getLifeCycle().transition(LifeCycle.State.STARTING);
      getLifeCycle().transition(LifeCycle.State.RUNNING);
    }
  }

  @Override
  public void close() throws IOException {
    prepare.shutdown();
    commit.shutdown();
    try {
      // A new state machine on the same engine (a restarted Raft server) must not start while
      // this one is still applying entries.
      if (!commit.awaitTermination(60, TimeUnit.SECONDS)) {
        LOG.warn("the ledger's commit thread did not finish within 60 s of closing");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    super.close();
  }

  private static java.util.concurrent.ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
