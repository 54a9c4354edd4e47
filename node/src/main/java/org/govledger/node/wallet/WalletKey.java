package org.govledger.node.wallet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/** The wallet store's master key file: 32 random bytes, readable by the node's user only. */
public final class WalletKey {
  private WalletKey() {}

  /**
   * Reads the key, or creates it if the file does not exist.
   *
   * @throws IOException if the file exists but is not 32 bytes (a wrong or damaged file; the
   *     wallet's records cannot be opened without the right one)
   */
  public static byte[] readOrCreate(Path file) throws IOException {
    if (Files.exists(file)) {
      byte[] key = Files.readAllBytes(file);
      if (key.length != 32) {
        throw new IOException("wallet master key " + file + " is " + key.length
            + " bytes, not 32; restore the right file, or the wallet's records stay sealed");
      }
      return key;
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, key, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system; the directory's permissions have to do
    }
    return key;
  }
}
