package org.govledger.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Verifies SD-JWT VC presentations (RFC 9901 sections 7.1 and 7.3, SD-JWT VC section 3.4).
 * Never throws for a bad presentation: every problem becomes a failed {@link Check} whose detail
 * names it. Immutable and thread-safe.
 *
 * <p>The checks, in order: {@code format} (parses strictly, {@code typ} as expected, {@code vct}
 * present for SD-JWT VC, {@code iss} and {@code kid} strings if present, times integers, {@code
 * cnf.jwk} usable), {@code
 * issuer-signature} (the key {@link IssuerKeys} gives for {@code iss} and {@code kid}, with that
 * key's own algorithm; {@code none} refused), {@code disclosures}, {@code validity-period} and
 * {@code holder-binding}. The last three run only if the first two passed.
 *
 * <p>Stricter than RFC 9901 alone: top-level {@code iss}, {@code nbf}, {@code exp}, {@code cnf},
 * {@code vct}, {@code vct#integrity} and {@code status} must not be selectively disclosed (SD-JWT
 * VC section 3.2.2.2 requires this of SD-JWT VCs; this verifier asks it of every SD-JWT, so that
 * a hidden {@code exp} can never go unchecked).
 */
public final class SdJwtVerifier {
  /** The default tolerance for disagreeing clocks, for {@code nbf}, {@code exp}, {@code iat}. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

  /** Claims reported in their own fields of {@link CredentialContents}. */
  private static final Set<String> REPORTED =
      Set.of("iss", "iat", "nbf", "exp", "vct", "cnf", "_sd", "_sd_alg");

  private final Set<String> acceptedTypes;
  private final boolean vctRequired;
  private final Duration clockSkew;

  private SdJwtVerifier(Set<String> acceptedTypes, boolean vctRequired, Duration clockSkew) {
    this.acceptedTypes = acceptedTypes;
    this.vctRequired = vctRequired;
    this.clockSkew = clockSkew;
  }

  /**
   * A verifier of SD-JWT VCs: {@code typ} {@code dc+sd-jwt} (or {@code vc+sd-jwt}, which SD-JWT
   * VC section 3.2.1 asks verifiers to accept during the transition) and a {@code vct} claim.
   */
  public static SdJwtVerifier forSdJwtVc() {
    return new SdJwtVerifier(Set.of(SdJwtIssuer.TYP, "vc+sd-jwt"), true, DEFAULT_CLOCK_SKEW);
  }

  /**
   * A verifier of plain SD-JWTs (RFC 9901) explicitly typed {@code typ} (RFC 9901 section 9.11),
   * for example {@code example+sd-jwt}; {@code vct} is not required.
   */
  public static SdJwtVerifier forType(String typ) {
    Objects.requireNonNull(typ, "typ");
    if (typ.isEmpty()) {
      throw new IllegalArgumentException("typ must not be empty");
    }
    return new SdJwtVerifier(Set.of(typ), false, DEFAULT_CLOCK_SKEW);
  }

  /** This verifier with another tolerance for {@code nbf}, {@code exp} and {@code iat}. */
  public SdJwtVerifier withClockSkew(Duration skew) {
    if (skew.isNegative()) {
      throw new IllegalArgumentException("clock skew must not be negative, got " + skew);
    }
    return new SdJwtVerifier(acceptedTypes, vctRequired, skew);
  }

  /** The claims of the issuer-signed JWT that the checks rely on. */
  private record Signed(String issuer, String keyId, Optional<String> vct, OptionalLong iat,
      OptionalLong nbf, OptionalLong exp, Optional<PublicJwk> holderKey, boolean hasCnf) {}

  /**
   * Verifies {@code presentation}, an SD-JWT or SD-JWT+KB in compact form.
   *
   * @param issuerKeys the trusted issuers' keys
   * @param policy whether a KB-JWT is required, and for which audience and nonce
   * @param nowEpochSeconds the verification time
   */
  public CredentialVerification verify(String presentation, IssuerKeys issuerKeys,
      KeyBindingPolicy policy, long nowEpochSeconds) {
    Objects.requireNonNull(presentation, "presentation");
    Objects.requireNonNull(issuerKeys, "issuerKeys");
    Objects.requireNonNull(policy, "policy");
    List<Check> checks = new ArrayList<>();
    SdJwt sdJwt;
    Signed signed;
    try {
      sdJwt = SdJwt.parse(presentation);
      signed = readSigned(sdJwt);
    } catch (CredentialException e) {
      checks.add(Check.failed(Check.FORMAT, e.getMessage()));
      return stopped(checks, "the presentation could not be read");
    }
    checks.add(Check.passed(Check.FORMAT, describe(sdJwt)));
    try {
      checks.add(
          Check.passed(Check.ISSUER_SIGNATURE, verifySignature(sdJwt, signed, issuerKeys)));
    } catch (CredentialException e) {
      checks.add(Check.failed(Check.ISSUER_SIGNATURE, e.getMessage()));
      return stopped(checks, "the issuer signature did not verify, so nothing it signed is"
          + " trusted");
    }
    Optional<DisclosureProcessor.Result> processed = Optional.empty();
    try {
      processed = Optional.of(
          DisclosureProcessor.process(sdJwt, CredentialClaims.NOT_DISCLOSABLE));
      checks.add(Check.passed(Check.DISCLOSURES, sdJwt.disclosures().size()
          + " Disclosures, each matching a digest (" + sdJwt.digestAlgorithm().sdAlg() + ")"));
    } catch (CredentialException e) {
      checks.add(Check.failed(Check.DISCLOSURES, e.getMessage()));
    }
    checks.add(validityPeriod(signed, nowEpochSeconds));
    checks.add(holderBinding(sdJwt, signed, policy, nowEpochSeconds));
    return new CredentialVerification(checks, Optional.of(contents(sdJwt, signed, processed)));
  }

  private static CredentialVerification stopped(List<Check> checks, String reason) {
    for (String name : List.of(Check.FORMAT, Check.ISSUER_SIGNATURE, Check.DISCLOSURES,
        Check.VALIDITY_PERIOD, Check.HOLDER_BINDING)) {
      if (checks.stream().noneMatch(c -> c.name().equals(name))) {
        checks.add(Check.notRun(name, reason));
      }
    }
    return new CredentialVerification(checks, Optional.empty());
  }

  private Signed readSigned(SdJwt sdJwt) throws CredentialException {
    ObjectNode header = sdJwt.issuerJws().header();
    JsonNode typ = header.get("typ");
    if (typ == null || !typ.isTextual() || !acceptedTypes.contains(typ.textValue())) {
      throw malformed("issuer-signed JWT typ must be one of " + acceptedTypes + ", found "
          + (typ == null ? "none" : typ.toString()) + " (RFC 9901 section 9.11)");
    }
    JsonNode kid = header.get("kid");
    if (kid != null && !kid.isTextual()) {
      throw malformed("issuer-signed JWT kid must be a string");
    }
    ObjectNode payload = sdJwt.issuerJws().payload();
    String issuer = optionalString(payload, "iss").orElse("");
    Optional<String> vct = optionalString(payload, "vct");
    if (vctRequired && vct.map(String::isEmpty).orElse(true)) {
      throw malformed("an SD-JWT VC needs a non-empty vct claim (SD-JWT VC section 3.2.2.1)");
    }
    return new Signed(issuer, kid == null ? "" : kid.textValue(), vct,
        time(payload, "iat"), time(payload, "nbf"), time(payload, "exp"),
        sdJwt.confirmationKey(), payload.has("cnf"));
  }

  private static Optional<String> optionalString(ObjectNode payload, String claim)
      throws CredentialException {
    JsonNode value = payload.get(claim);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw malformed(claim + " must be a string, not " + UntrustedJson.kind(value));
    }
    return Optional.of(value.textValue());
  }

  private static OptionalLong time(ObjectNode payload, String claim) throws CredentialException {
    JsonNode value = payload.get(claim);
    if (value == null) {
      return OptionalLong.empty();
    }
    if (!value.isIntegralNumber() || value.longValue() < 0) {
      throw malformed(claim + " must be a non-negative integer of epoch seconds");
    }
    return OptionalLong.of(value.longValue());
  }

  private static String describe(SdJwt sdJwt) {
    return "SD-JWT with " + sdJwt.disclosures().size() + " Disclosures"
        + (sdJwt.keyBinding().isPresent() ? " and a KB-JWT" : " and no KB-JWT") + ", typ "
        + sdJwt.issuerJws().header().get("typ").textValue();
  }

  private static String verifySignature(SdJwt sdJwt, Signed signed, IssuerKeys issuerKeys)
      throws CredentialException {
    PublicJwk key = issuerKeys.lookup(signed.issuer(), signed.keyId()).orElseThrow(() ->
        new CredentialException(CredentialException.BAD_SIGNATURE, "no trusted key for issuer \""
            + signed.issuer() + "\" with kid \"" + signed.keyId() + "\""));
    Jws.verify(sdJwt.issuerJws(), key, "issuer-signed JWT");
    return "signed with " + key.algorithm().jwsName() + " by issuer \"" + signed.issuer()
        + "\", kid \"" + signed.keyId() + "\"";
  }

  private Check validityPeriod(Signed signed, long now) {
    long skew = clockSkew.toSeconds();
    if (signed.nbf().isPresent() && now + skew < signed.nbf().getAsLong()) {
      long nbf = signed.nbf().getAsLong();
      return Check.failed(Check.VALIDITY_PERIOD, "not yet valid: nbf " + nbf + " is "
          + (nbf - now) + " s after now (" + now + "), beyond the " + skew + " s skew");
    }
    if (signed.exp().isPresent() && now - skew >= signed.exp().getAsLong()) {
      long exp = signed.exp().getAsLong();
      return Check.failed(Check.VALIDITY_PERIOD, "expired: exp " + exp + " is " + (now - exp)
          + " s before now (" + now + "), beyond the " + skew + " s skew");
    }
    if (signed.iat().isPresent() && signed.iat().getAsLong() > now + skew) {
      long iat = signed.iat().getAsLong();
      return Check.failed(Check.VALIDITY_PERIOD, "issued in the future: iat " + iat + " is "
          + (iat - now) + " s after now (" + now + "), beyond the " + skew + " s skew");
    }
    return Check.passed(Check.VALIDITY_PERIOD, "now (" + now + ") is within nbf "
        + describe(signed.nbf()) + " and exp " + describe(signed.exp()) + ", skew " + skew
        + " s");
  }

  private static String describe(OptionalLong time) {
    return time.isPresent() ? Long.toString(time.getAsLong()) : "(none)";
  }

  private static Check holderBinding(SdJwt sdJwt, Signed signed, KeyBindingPolicy policy,
      long now) {
    Optional<Jws.Parsed> kb = sdJwt.keyBinding();
    boolean required = policy instanceof KeyBindingPolicy.Required;
    if (kb.isEmpty()) {
      return required
          ? Check.failed(Check.HOLDER_BINDING, "the policy requires key binding, but the"
              + " presentation has no KB-JWT (it ends with '~')")
          : Check.passed(Check.HOLDER_BINDING, "not required by the policy, and none presented");
    }
    if (signed.holderKey().isEmpty()) {
      return Check.failed(Check.HOLDER_BINDING, signed.hasCnf()
          ? "a KB-JWT is present, but cnf has no jwk member (only cnf.jwk is supported)"
          : "a KB-JWT is present, but the credential has no cnf claim naming a holder key");
    }
    PublicJwk holder = signed.holderKey().get();
    try {
      KeyBindingJwt.checkBinding(kb.get(), holder, sdJwt);
      if (policy instanceof KeyBindingPolicy.Required requiredPolicy) {
        KeyBindingJwt.checkTransaction(kb.get(), requiredPolicy, now);
        return Check.passed(Check.HOLDER_BINDING, "KB-JWT signed by cnf.jwk (thumbprint "
            + holder.thumbprint() + "), aud, nonce, iat and sd_hash as expected");
      }
      return Check.passed(Check.HOLDER_BINDING, "not required by the policy; the KB-JWT present"
          + " is signed by cnf.jwk and its sd_hash matches");
    } catch (CredentialException e) {
      return Check.failed(Check.HOLDER_BINDING, e.getMessage());
    }
  }

  private static CredentialContents contents(SdJwt sdJwt, Signed signed,
      Optional<DisclosureProcessor.Result> processed) {
    ObjectNode all = processed.map(result -> result.payload()).orElseGet(sdJwt::payload);
    Set<String> disclosedNames =
        processed.map(DisclosureProcessor.Result::disclosedNames).orElse(Set.of());
    ObjectNode visible = JsonNodeFactory.instance.objectNode();
    ObjectNode disclosed = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> member : all.properties()) {
      if (!REPORTED.contains(member.getKey())) {
        (disclosedNames.contains(member.getKey()) ? disclosed : visible)
            .set(member.getKey(), member.getValue());
      }
    }
    return new CredentialContents(signed.issuer(), signed.keyId(), signed.vct(), signed.iat(),
        signed.nbf(), signed.exp(), signed.holderKey(), sdJwt.issuerJwt(), visible, disclosed);
  }

  private static CredentialException malformed(String message) {
    return new CredentialException(CredentialException.MALFORMED, message);
  }

  @Override
  public String toString() {
    return "SdJwtVerifier[typ " + acceptedTypes + (vctRequired ? ", vct required" : "")
        + ", skew " + clockSkew + "]";
  }
}
