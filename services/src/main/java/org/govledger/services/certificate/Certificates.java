package org.govledger.services.certificate;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.govledger.ledger.json.Canonical;

/** Where certificate records live in the world state, and how to read them. */
public final class Certificates {
  static final String PREFIX = "certificate/doc/";
  private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

  private Certificates() {}

  public static boolean isId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  public static byte[] key(String id) {
    return (PREFIX + id).getBytes(StandardCharsets.US_ASCII);
  }

  public static Optional<CertificateRecord> lookup(Function<byte[], Optional<byte[]>> state, String id) {
    if (!isId(id)) {
      return Optional.empty();
    }
    return state.apply(key(id)).map(Canonical::read).map(CertificateRecord::fromJson);
  }

  static byte[] encode(CertificateRecord r) {
    return Canonical.canonicalize(r.toJson());
  }
}
