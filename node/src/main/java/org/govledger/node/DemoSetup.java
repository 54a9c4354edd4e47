package org.govledger.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.govledger.client.KeyFile;
import org.govledger.ledger.contract.SignerRecord;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.engine.Genesis;
import org.govledger.node.config.NodeConfig;

/**
 * Makes a fresh data directory ready to run: a node key, an admin key and a client key under
 * {@code keys/}, and a genesis for ledger {@code demo} that registers them. Keys are random, so
 * every demo ledger is its own.
 */
public final class DemoSetup {
  public static final String DEMO_LEDGER = "demo";

  private DemoSetup() {}

  /** Creates what is missing; returns true if it created the genesis (a brand-new ledger). */
  public static boolean ensure(NodeConfig config, CryptoSuite suite) throws IOException {
    if (Files.exists(config.genesisFile())) {
      return false;
    }
    SecureRandom random = new SecureRandom();
    SigningKey node = key(config.nodeKeyFile(), suite, random, "demo node");
    SigningKey admin = key(config.keysDir().resolve("admin.json"), suite, random, "demo admin");
    SigningKey client = key(config.keysDir().resolve("client.json"), suite, random, "demo client");
    Genesis genesis = new Genesis(DEMO_LEDGER, suite, Instant.now().toEpochMilli(), 1, List.of(
        Genesis.signer(suite, node.publicKey(), "demo node", Set.of(SignerRecord.ROLE_NODE)),
        Genesis.signer(suite, admin.publicKey(), "demo admin", Set.of(SignerRecord.ROLE_ADMIN)),
        Genesis.signer(suite, client.publicKey(), "demo client", Set.of(SignerRecord.ROLE_CLIENT))));
    writeGenesis(config.genesisFile(), genesis);
    return true;
  }

  private static SigningKey key(Path file, CryptoSuite suite, SecureRandom random, String name)
      throws IOException {
    if (Files.exists(file)) {
      return KeyFile.read(file);
    }
    SigningKey key = suite.generate(random);
    KeyFile.write(file, key, name);
    return key;
  }

  public static void writeGenesis(Path file, Genesis genesis) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, new ObjectMapper().writerWithDefaultPrettyPrinter()
        .writeValueAsBytes(genesis.toJson()));
  }

  public static Genesis readGenesis(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new IOException("no genesis document at " + file + ": start without --no-demo to"
          + " create a demo ledger in an empty data directory, or put your ledger's genesis.json"
          + " (and keys/node.json) there");
    }
    try {
      return Genesis.fromJson(new ObjectMapper().readTree(file.toFile()));
    } catch (IllegalArgumentException e) {
      throw new IOException("genesis file " + file + " is not valid: " + e.getMessage(), e);
    }
  }
}
