package org.govledger.ledger.governance;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import org.govledger.ledger.contract.SignerRecord;
import org.govledger.ledger.tx.KeyId;

/** Where the registry of signers lives in the world state, and how to read it. */
public final class Signers {
  static final String PREFIX = GovernanceContract.NAME + "/signer/";

  private Signers() {}

  /** The state-key prefix under which all signer records live. */
  public static byte[] keyPrefix() {
    return PREFIX.getBytes(StandardCharsets.US_ASCII);
  }

  /** The state key of a signer's record. */
  public static byte[] key(KeyId id) {
    return (PREFIX + id.value()).getBytes(StandardCharsets.US_ASCII);
  }

  /** Reads a signer's record through any state getter. */
  public static Optional<SignerRecord> lookup(
      Function<byte[], Optional<byte[]>> state, KeyId id) {
    return state.apply(key(id)).map(GovernanceJson::read).map(SignerRecord::fromJson);
  }

  public static byte[] encode(SignerRecord s) {
    return GovernanceJson.canonical(s.toJson());
  }
}
