package org.govledger.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.govledger.client.ClientException;
import org.govledger.client.GovLedgerClient;
import org.govledger.client.KeyFile;
import org.govledger.client.TxSigner;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.tx.Transaction;
import org.govledger.node.cli.Main;
import org.govledger.node.load.ChildNode;
import org.govledger.store.rocksdb.RocksDbConfig;
import org.govledger.store.rocksdb.RocksDbStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 a node in the middle of a stream of submissions: after restart every transaction that
 * was acknowledged as committed is there, and the audit passes; then one altered byte in the store
 * makes the audit name the block.
 */
class CrashRecoveryIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void killDuringSubmissions_losesNoAcknowledgedTransaction_andAuditThenFindsTampering()
      throws Exception {
    Path data = tmp.resolve("data");
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger counter = new AtomicInteger();
    try (ChildNode node = ChildNode.start(data, List.of("-Xmx512m"))) {
      GovLedgerClient client = new GovLedgerClient(node.uri());
      TxSigner signer = new TxSigner("demo", KeyFile.read(data.resolve("keys/client.json")));
      ExecutorService submitters = Executors.newFixedThreadPool(8);
      for (int t = 0; t < 8; t++) {
        submitters.submit(() -> {
          while (!Thread.currentThread().isInterrupted()) {
            Transaction tx = signer.sign("anchor/put", body(counter.incrementAndGet()));
            try {
              if ("committed".equals(client.submit(tx, true).path("status").asText())) {
                acknowledged.add(tx.id().toString());
              }
            } catch (ClientException e) {
              if (e.status() == 0) {
                return; // the node is gone
              }
            }
          }
        });
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (acknowledged.size() < 300 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      node.kill();
      submitters.shutdownNow();
      assertThat(submitters.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(acknowledged.size()).isGreaterThanOrEqualTo(300);

    try (ChildNode node = ChildNode.start(data, List.of("-Xmx512m"))) {
      GovLedgerClient client = new GovLedgerClient(node.uri());
      for (String id : acknowledged) {
        assertThat(client.status(id).path("status").asText()).as(id).isEqualTo("committed");
      }
    }

    assertThat(audit(data)).startsWith("audit OK");

    long height = tamperWithLogEntry(data, 7);
    String report = audit(data);
    assertThat(report).startsWith("audit FAILED: block " + height + ":");
  }

  private static ObjectNode body(int i) {
    ObjectNode b = MAPPER.createObjectNode();
    byte[] d = CryptoSuite.ED25519_SHA256.hash().digest(
        ("crash test document " + i + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
    b.put("digest", HexFormat.of().formatHex(d));
    return b;
  }

  /** Flips one bit of log entry {@code index}; returns the height of its block. */
  private static long tamperWithLogEntry(Path data, long index) {
    try (RocksDbStore store = RocksDbStore.open(data.resolve("store"), RocksDbConfig.defaults())) {
      byte[] prefix = "demo\0".getBytes(StandardCharsets.US_ASCII);
      byte[] key = ByteBuffer.allocate(prefix.length + 9).put(prefix).put((byte) 't')
          .putLong(index).array();
      byte[] value = store.get(key).orElseThrow();
      value[value.length / 2] ^= 0x01;
      store.write(new org.govledger.ledger.store.WriteBatch().put(key, value));
      // Find the block: the first whose log size passes the index.
      for (long h = 1; ; h++) {
        byte[] bkey = ByteBuffer.allocate(prefix.length + 9).put(prefix).put((byte) 'b')
            .putLong(h).array();
        long logSize = readLogSize(store.get(bkey).orElseThrow());
        if (logSize > index) {
          return h;
        }
      }
    }
  }

  private static long readLogSize(byte[] block) {
    try {
      return MAPPER.readTree(block).path("header").path("logSize").asLong();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String audit(Path data) {
    return CommandOutput.of("audit", "--data", data.toString());
  }

}
