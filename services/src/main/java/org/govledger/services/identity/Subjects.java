package org.govledger.services.identity;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import org.govledger.ledger.json.Canonical;

/** Where subjects live in the world state, and how to read them through any state getter. */
public final class Subjects {
  static final String PREFIX = "identity/subject/";

  private Subjects() {}

  public static byte[] key(String subjectId) {
    return (PREFIX + subjectId).getBytes(StandardCharsets.US_ASCII);
  }

  public static Optional<Subject> lookup(Function<byte[], Optional<byte[]>> state, String subjectId) {
    try {
      Subject.checkId(subjectId);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return state.apply(key(subjectId)).map(Canonical::read).map(Subject::fromJson);
  }

  static byte[] encode(Subject s) {
    return Canonical.canonicalize(s.toJson());
  }
}
