package org.govledger.credentials;

/**
 * A credential, presentation, key or request could not be accepted. Checked, so that every caller
 * decides how to refuse. {@link #code()} is a stable, machine-readable reason (one of the constants
 * below, safe to branch on and to put in an API error's {@code type}); the message names the
 * problem for a person and never contains a claim value, a salt or a private key.
 */
public class CredentialException extends Exception {
  /** Not an SD-JWT, a JWS, a Disclosure or JSON of the expected shape. */
  public static final String MALFORMED = "malformed";
  /** The input is over the size limit ({@link SdJwt#MAX_LENGTH}). */
  public static final String TOO_LARGE = "too-large";
  /** A JWK is unusable: unsupported type or curve, wrong length, not on the curve, private. */
  public static final String BAD_KEY = "bad-key";
  /** A JWS {@code alg} or an {@code _sd_alg} this module does not accept. */
  public static final String UNSUPPORTED_ALGORITHM = "unsupported-algorithm";
  /** A JWS signature that does not verify, or an {@code alg} that does not fit the key. */
  public static final String BAD_SIGNATURE = "bad-signature";
  /** Disclosures that do not match the issuer-signed digests (RFC 9901 section 7.1). */
  public static final String DISCLOSURE_MISMATCH = "disclosure-mismatch";
  /** The holder key or KB-JWT does not bind the presentation (RFC 9901 section 7.3). */
  public static final String KEY_BINDING = "key-binding";
  /** A claim name asked for that the credential cannot disclose. */
  public static final String UNKNOWN_CLAIM = "unknown-claim";

  private final String code;

  public CredentialException(String code, String message) {
    super(message);
    this.code = code;
  }

  public CredentialException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The stable reason, one of the constants of this class. */
  public String code() {
    return code;
  }

  @Override
  public String toString() {
    return "CredentialException[" + code + "]: " + getMessage();
  }
}
