package org.govledger.node.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.govledger.node.Contracts;
import org.govledger.ledger.engine.Audit;
import org.govledger.node.DemoSetup;
import org.govledger.node.ScratchDirectory;
import org.govledger.node.config.NodeConfig;
import org.govledger.store.rocksdb.RocksDbConfig;
import org.govledger.store.rocksdb.RocksDbStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "audit", mixinStandardHelpOptions = true,
    description = {"Re-verifies a stopped node's whole chain from genesis: every block hash,"
        + " node signature, checkpoint and transaction signature, re-running every contract and"
        + " comparing every stored record.", "Exit code 0: intact; 1: names the first bad block."})
final class AuditCommand implements Callable<Integer> {
  @Option(names = "--data", description = "data directory of the node (default: ${DEFAULT-VALUE})")
  Path data = Path.of("data");

  @Override
  public Integer call() throws Exception {
    NodeConfig config = NodeConfig.defaults().withDataDir(data);
    String ledger = DemoSetup.readGenesis(config.genesisFile()).ledger();
    ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    // The replay goes to a scratch RocksDB beside the data, not into memory, so that a ledger
    // larger than RAM can be audited; nothing needs to survive, so it is not synced.
    try (ScratchDirectory scratch =
            ScratchDirectory.create(data.toAbsolutePath().getParent(), "audit-replay");
        RocksDbStore store = RocksDbStore.open(config.storeDir(), RocksDbConfig.defaults());
        RocksDbStore replay =
            RocksDbStore.open(scratch.path(), RocksDbConfig.defaults().withSync(false))) {
      long started = System.nanoTime();
      Audit.Result r = new Audit(store, ledger, Contracts.forLedger(DemoSetup.readGenesis(config.genesisFile()).suite(), Contracts.catalogue(config)), pool, replay).run(h -> {
        if (h % 1000 == 0 && h > 0) {
          System.err.println("… block " + h);
        }
      });
      double secs = (System.nanoTime() - started) / 1e9;
      if (r.ok()) {
        System.out.printf("audit OK: ledger %s, %d blocks, %d transactions re-verified in %.1f s%n",
            ledger, r.blocks(), r.transactions(), secs);
        return 0;
      }
      System.out.println("audit FAILED: " + r.problem().orElseThrow());
      return 1;
    } finally {
      pool.shutdown();
    }
  }
}
