package org.govledger.credentials;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether a verification demands proof that the presenter holds the credential's key (RFC 9901
 * sections 7.3 and 9.5). Decided by the verifier for its use case, never by whether a KB-JWT
 * happens to be present.
 */
public sealed interface KeyBindingPolicy {

  /**
   * A KB-JWT is required: signed by the credential's {@code cnf.jwk}, typed {@code kb+jwt}, over
   * this {@code aud} and {@code nonce}, with the right {@code sd_hash}, and an {@code iat} no
   * older than {@code maxAge} and no later than now, each bound widened by {@code clockSkew}.
   */
  static KeyBindingPolicy required(String audience, String nonce, Duration maxAge,
      Duration clockSkew) {
    return new Required(audience, nonce, maxAge, clockSkew);
  }

  /**
   * No KB-JWT is required, as when a holder checks a credential just issued to it. A KB-JWT
   * that is present all the same must still be signed by {@code cnf.jwk} and carry the right
   * {@code sd_hash}; its audience, nonce and age are not checked.
   */
  static KeyBindingPolicy notRequired() {
    return new NotRequired();
  }

  /** See {@link KeyBindingPolicy#required}. */
  record Required(String audience, String nonce, Duration maxAge, Duration clockSkew)
      implements KeyBindingPolicy {
    public Required {
      Objects.requireNonNull(audience, "audience");
      Objects.requireNonNull(nonce, "nonce");
      if (audience.isEmpty() || nonce.isEmpty()) {
        throw new IllegalArgumentException("the expected audience and nonce must not be empty");
      }
      if (maxAge.isNegative() || maxAge.isZero() || clockSkew.isNegative()) {
        throw new IllegalArgumentException(
            "maxAge must be positive and clockSkew not negative; got " + maxAge + ", "
                + clockSkew);
      }
    }
  }

  /** See {@link KeyBindingPolicy#notRequired}. */
  record NotRequired() implements KeyBindingPolicy {}
}
