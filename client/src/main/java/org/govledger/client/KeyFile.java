package org.govledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.tx.KeyId;

/**
 * A signing key on disk, as JSON: {@code {"suite", "keyId", "publicKey", "privateKey", "name"}},
 * keys in base64url. Written readable by its owner only. Keep it secret; the public part alone is
 * what a ledger registers.
 */
public final class KeyFile {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private KeyFile() {}

  public static void write(Path file, SigningKey key, String name) throws IOException {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("suite", key.suite().id());
    o.put("keyId", KeyId.of(key.suite(), key.publicKey()).value());
    o.put("name", name);
    o.put("publicKey", b64(key.publicKey()));
    o.put("privateKey", b64(key.privateKeyBytes()));
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp);
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system (Windows): the user's profile directory protects it instead
    }
    Files.write(tmp, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(o));
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Reads a key file; the message names the file and what is wrong with it. */
  public static SigningKey read(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new IOException("no key file at " + file + " (make one with: govledger keygen --out "
          + file + ")");
    }
    JsonNode o;
    try {
      o = MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException("cannot read key file " + file + ": " + e.getMessage(), e);
    }
    try {
      CryptoSuite suite = CryptoSuite.fromId(o.path("suite").asText());
      SigningKey key = suite.signingKey(Base64.getUrlDecoder().decode(o.path("privateKey").asText()));
      String declared = o.path("keyId").asText();
      String actual = KeyId.of(suite, key.publicKey()).value();
      if (!declared.isEmpty() && !declared.equals(actual)) {
        throw new IOException("key file " + file + " says key id " + declared
            + " but its private key is key " + actual);
      }
      return key;
    } catch (IllegalArgumentException e) {
      throw new IOException("key file " + file + " is not a govledger key: " + e.getMessage(), e);
    }
  }

  static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
