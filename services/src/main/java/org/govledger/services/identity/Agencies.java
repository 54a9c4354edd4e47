package org.govledger.services.identity;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import org.govledger.ledger.json.Canonical;
import org.govledger.ledger.tx.KeyId;

/**
 * Where the agency registry lives in the world state, and how to read it through any state
 * getter: a contract's {@code ctx::get} or a node's {@code view::stateValue}. It lives under
 * {@code governance/}, because governance alone writes it (a contract writes only under its own
 * name; the engine enforces that).
 */
public final class Agencies {
  static final String PREFIX = "governance/agency/";
  static final String KEY_INDEX = "governance/agency-key/";

  private Agencies() {}

  public static byte[] key(String agencyId) {
    return (PREFIX + agencyId).getBytes(StandardCharsets.US_ASCII);
  }

  public static byte[] prefix() {
    return PREFIX.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] keyIndex(KeyId keyId) {
    return (KEY_INDEX + keyId.value()).getBytes(StandardCharsets.US_ASCII);
  }

  public static Optional<Agency> lookup(Function<byte[], Optional<byte[]>> state, String agencyId) {
    try {
      Agency.checkId(agencyId);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return state.apply(key(agencyId)).map(Canonical::read).map(Agency::fromJson);
  }

  /** The agency a signing key belongs (or belonged) to. */
  public static Optional<Agency> ofKey(Function<byte[], Optional<byte[]>> state, KeyId keyId) {
    return state.apply(keyIndex(keyId))
        .map(b -> new String(b, StandardCharsets.US_ASCII))
        .flatMap(id -> lookup(state, id));
  }

  static byte[] encode(Agency a) {
    return Canonical.canonicalize(a.toJson());
  }
}
