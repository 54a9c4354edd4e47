package org.govledger.node.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.govledger.client.KeyFile;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.tx.KeyId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "keygen", mixinStandardHelpOptions = true,
    description = "Makes a signing key and writes it to a key file (readable by you only).")
final class KeygenCommand implements Callable<Integer> {
  @Option(names = "--suite", description = "ed25519-sha256, p256-sha256 or sm2-sm3 (default: ${DEFAULT-VALUE})")
  String suite = CryptoSuite.ED25519_SHA256.id();

  @Option(names = "--out", required = true, description = "key file to write")
  Path out;

  @Option(names = "--name", description = "a label for people (default: ${DEFAULT-VALUE})")
  String name = "key";

  @Override
  public Integer call() throws Exception {
    if (Files.exists(out)) {
      System.err.println("error: " + out + " exists; not overwriting a key");
      return 2;
    }
    CryptoSuite s = CryptoSuite.fromId(suite);
    SigningKey key = s.generate(new SecureRandom());
    KeyFile.write(out, key, name);
    System.out.println("key id:     " + KeyId.of(s, key.publicKey()));
    System.out.println("public key: " + Base64.getUrlEncoder().withoutPadding().encodeToString(key.publicKey()));
    System.out.println("written to  " + out);
    return 0;
  }
}
