package org.govledger.credentials.openid4vp;

import org.govledger.credentials.CredentialException;

/**
 * The stable {@link CredentialException#code() codes} this package adds to those of {@link
 * CredentialException} (which it also uses: {@code malformed}, {@code too-large}, {@code
 * bad-key}, {@code unsupported-algorithm}, {@code bad-signature}). Safe to branch on and to put
 * in an API error's {@code type}.
 */
public final class Openid4vpCodes {
  /** A parameter the request, response or query must have is absent. */
  public static final String MISSING_PARAMETER = "missing-parameter";
  /** A request object whose JWS {@code typ} is not {@code oauth-authz-req+jwt}. */
  public static final String WRONG_TYP = "wrong-typ";
  /** The caller's registry knows no key for this {@code client_id} and {@code kid}. */
  public static final String UNKNOWN_VERIFIER = "unknown-verifier";
  /** A {@code client_id} with a Client Identifier Prefix; we only take pre-registered ones. */
  public static final String UNSUPPORTED_CLIENT_ID_PREFIX = "unsupported-client-id-prefix";
  /** A request object whose {@code exp} has passed. */
  public static final String EXPIRED = "expired";
  /** A request object whose {@code iat} is later than now plus the allowed clock skew. */
  public static final String ISSUED_IN_FUTURE = "issued-in-future";
  /** A request object that is valid for longer than {@link PresentationRequest#MAX_LIFETIME}. */
  public static final String LIFETIME_TOO_LONG = "lifetime-too-long";
  /** A request with a response type or mode, or a parameter, that this package does not do. */
  public static final String UNSUPPORTED_REQUEST = "unsupported-request";
  /** A valid DCQL query using a feature this package does not support. */
  public static final String UNSUPPORTED_QUERY = "unsupported-query";
  /** Text (a scanned QR code) that is not an {@code openid4vp://} request by reference. */
  public static final String NOT_OURS = "not-ours";
  /** The request object's {@code client_id} differs from the one in the QR code. */
  public static final String CLIENT_MISMATCH = "client-mismatch";
  /** An image in which no QR code could be found or read. */
  public static final String NO_QR_CODE = "no-qr-code";
  /** The wallet answered with an OAuth error instead of a VP Token. */
  public static final String WALLET_ERROR = "wallet-error";
  /** A VP Token whose entries do not answer the credential queries that were asked. */
  public static final String RESPONSE_MISMATCH = "response-mismatch";
  /** A presented credential whose {@code vct} is not one the query allows. */
  public static final String WRONG_CREDENTIAL_TYPE = "wrong-credential-type";
  /** A presentation that lacks a claim the query asked for. */
  public static final String MISSING_CLAIM = "missing-claim";
  /** A presentation that discloses a claim the query did not ask for. */
  public static final String EXTRA_DISCLOSURE = "extra-disclosure";

  private Openid4vpCodes() {}
}
