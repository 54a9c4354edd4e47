package org.govledger.services.consent;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import org.govledger.ledger.json.Canonical;

/**
 * Where the verifier registry lives in the world state (under {@code governance/}, which alone
 * writes it), and how to read it through any state getter.
 */
public final class Verifiers {
  static final String PREFIX = "governance/verifier/";

  private Verifiers() {}

  public static byte[] key(String id) {
    return (PREFIX + id).getBytes(StandardCharsets.US_ASCII);
  }

  public static byte[] prefix() {
    return PREFIX.getBytes(StandardCharsets.US_ASCII);
  }

  public static Optional<Verifier> lookup(Function<byte[], Optional<byte[]>> state, String id) {
    try {
      Verifier.checkId(id);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return state.apply(key(id)).map(Canonical::read).map(Verifier::fromJson);
  }

  static byte[] encode(Verifier v) {
    return Canonical.canonicalize(v.toJson());
  }
}
