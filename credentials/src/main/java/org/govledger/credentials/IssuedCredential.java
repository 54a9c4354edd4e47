package org.govledger.credentials;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A credential as issued to its holder: the SD-JWT with every Disclosure and no KB-JWT.
 * {@code toString()} shows counts only; the string carries personal data.
 *
 * @param compact {@code <issuer-signed JWT>~<Disclosure 1>~...~<Disclosure N>~}
 * @param issuerJwt the issuer-signed JWT, the part before the first {@code ~}
 * @param disclosures the Disclosures, in the order of {@code compact}
 */
public record IssuedCredential(String compact, String issuerJwt, List<Disclosure> disclosures) {
  /** @throws IllegalArgumentException if the three do not agree */
  public IssuedCredential {
    Objects.requireNonNull(compact, "compact");
    Objects.requireNonNull(issuerJwt, "issuerJwt");
    disclosures = List.copyOf(disclosures);
    String expected = issuerJwt + "~"
        + disclosures.stream().map(d -> d.encoded() + "~").collect(Collectors.joining());
    if (!expected.equals(compact)) {
      throw new IllegalArgumentException(
          "compact must be the issuer JWT and the Disclosures, each followed by '~'");
    }
  }

  @Override
  public String toString() {
    return "IssuedCredential[" + disclosures.size() + " disclosures, " + compact.length()
        + " characters]";
  }
}
