package org.govledger.ledger.tx;

import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;
import org.govledger.ledger.crypto.CryptoSuite;

/**
 * The id of a signing key: the first 16 bytes of the ledger hash of its public key, base64url
 * without padding (22 characters). Derived, not chosen, so an id can never be re-pointed at
 * another key and anyone holding the public key can check it.
 */
public record KeyId(String value) implements Comparable<KeyId> {
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{22}");

  public KeyId {
    if (value == null || !FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "a key id is 22 base64url characters (the hash of a public key), got: "
              + Texts.quote(value));
    }
  }

  /** The id of {@code publicKey} under {@code suite}. */
  public static KeyId of(CryptoSuite suite, byte[] publicKey) {
    byte[] digest = suite.hash().digest(publicKey);
    return new KeyId(
        Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)));
  }

  @Override
  public int compareTo(KeyId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
