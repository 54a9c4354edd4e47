package org.govledger.credentials;

import java.util.Objects;

/**
 * One step of a verification and how it ended. {@code detail} says what was found, and for a
 * failure what was expected; it never contains claim values.
 *
 * @param name one of the constants below
 * @param outcome passed, failed, or not run because an earlier step failed
 * @param detail what was checked or what went wrong
 */
public record Check(String name, Outcome outcome, String detail) {
  /** The SD-JWT parses, with the expected {@code typ} and the claims the profile requires. */
  public static final String FORMAT = "format";
  /** The issuer-signed JWT verifies with the trusted key of its {@code iss} and {@code kid}. */
  public static final String ISSUER_SIGNATURE = "issuer-signature";
  /** Every Disclosure matches a digest, in a valid place (RFC 9901 section 7.1). */
  public static final String DISCLOSURES = "disclosures";
  /** {@code nbf}, {@code exp} and {@code iat} admit the verification time, with skew. */
  public static final String VALIDITY_PERIOD = "validity-period";
  /** The KB-JWT satisfies the {@link KeyBindingPolicy} (RFC 9901 section 7.3). */
  public static final String HOLDER_BINDING = "holder-binding";

  /** How a check ended. */
  public enum Outcome {
    PASSED,
    FAILED,
    NOT_RUN
  }

  public Check {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
  }

  static Check passed(String name, String detail) {
    return new Check(name, Outcome.PASSED, detail);
  }

  static Check failed(String name, String detail) {
    return new Check(name, Outcome.FAILED, detail);
  }

  static Check notRun(String name, String detail) {
    return new Check(name, Outcome.NOT_RUN, detail);
  }
}
