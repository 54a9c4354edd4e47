package org.govledger.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.govledger.consensus.Orderer;
import org.govledger.ledger.engine.LedgerView;

/** The node's Prometheus metrics: what was committed and refused, latency, height, queue. */
public final class NodeMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Timer commitLatency;
  private final Counter committed;

  public NodeMetrics(LedgerView view, Orderer orderer, java.util.function.LongSupplier storeBytes) {
    commitLatency = Timer.builder("govledger.commit.latency")
        .description("from receiving a transaction to its block being durable")
        .publishPercentiles(0.5, 0.99)
        .distributionStatisticExpiry(Duration.ofMinutes(1))
        .register(registry);
    committed = Counter.builder("govledger.tx.committed").register(registry);
    gauge("govledger.block.height", () -> view.head().height());
    gauge("govledger.log.size", () -> view.head().header().logSize());
    gauge("govledger.mempool.queued", () -> orderer.status().queued());
    gauge("govledger.store.bytes", storeBytes::getAsLong);
    // the JIT's accumulated time tells a warm node from a cold one (the bench waits for it)
    new JvmCompilationMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    // threads started: a library that starts one per request shows as a steady climb
    new JvmThreadMetrics().bindTo(registry);
    if (orderer.status().cluster().isPresent()) {
      gauge("govledger.raft.term", () -> cluster(orderer).term());
      gauge("govledger.raft.leader", () -> cluster(orderer).role().equals("LEADER") ? 1 : 0);
      gauge("govledger.raft.commit.index", () -> cluster(orderer).commitIndex());
      gauge("govledger.raft.applied.index", () -> cluster(orderer).appliedIndex());
      gauge("govledger.raft.follower.lag.max", () -> cluster(orderer).peers().stream()
          .mapToLong(org.govledger.consensus.ClusterStatus.Peer::lag).max().orElse(0));
    }
  }

  private static org.govledger.consensus.ClusterStatus cluster(Orderer orderer) {
    return orderer.status().cluster().orElseThrow();
  }

  private void gauge(String name, Supplier<Number> value) {
    Gauge.builder(name, value).register(registry);
  }

  public void committed(long nanosSinceReceipt) {
    committed.increment();
    commitLatency.record(nanosSinceReceipt, TimeUnit.NANOSECONDS);
  }

  public void refused(String code) {
    registry.counter("govledger.tx.refused", "code", code).increment();
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }
}
