package org.govledger.services.consent;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.govledger.ledger.json.Canonical;

/** Where consents and access records live in the world state, and how to read them. */
public final class Consents {
  static final String RECORD = "consent/record/";
  static final String BY_REQUEST = "consent/by-request/";
  static final String ACCESS = "consent/access/";
  static final String REFUSED = "consent/refused/";
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
  static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9_-]{16,64}");

  private Consents() {}

  static byte[] key(String id) {
    return (RECORD + id).getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] byRequest(String request, String subject) {
    return (BY_REQUEST + request + "/" + subject).getBytes(StandardCharsets.US_ASCII);
  }

  public static Optional<Consent> lookup(Function<byte[], Optional<byte[]>> state, String id) {
    if (id == null || !HEX64.matcher(id).matches()) {
      return Optional.empty();
    }
    return state.apply(key(id)).map(Canonical::read).map(Consent::fromJson);
  }

  /** The subject's answer to a request, if it gave one. */
  public static Optional<Consent> forRequest(Function<byte[], Optional<byte[]>> state, String request, String subject) {
    if (request == null || !REQUEST_ID.matcher(request).matches()) {
      return Optional.empty();
    }
    return state.apply(byRequest(request, subject))
        .map(b -> new String(b, StandardCharsets.US_ASCII))
        .flatMap(id -> lookup(state, id));
  }

  /** The prefix under which every consent record lives, keyed by its id (no index by subject). */
  public static byte[] recordPrefix() {
    return RECORD.getBytes(StandardCharsets.US_ASCII);
  }

  /** The prefix under which a credential's access records (granted and refused) live. */
  public static byte[] accessPrefix(String credentialId) {
    return (ACCESS + credentialId + "/").getBytes(StandardCharsets.US_ASCII);
  }

  /** The prefix under which refused attempts on a request that named no credential live. */
  public static byte[] refusedPrefix(String request) {
    return (REFUSED + request + "/").getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] encode(Consent c) {
    return Canonical.canonicalize(c.toJson());
  }
}
