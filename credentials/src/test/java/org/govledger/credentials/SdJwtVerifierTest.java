package org.govledger.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.govledger.credentials.TestCredentials.AUDIENCE;
import static org.govledger.credentials.TestCredentials.IAT;
import static org.govledger.credentials.TestCredentials.ISSUER;
import static org.govledger.credentials.TestCredentials.KID;
import static org.govledger.credentials.TestCredentials.NONCE;
import static org.govledger.credentials.TestCredentials.NOW;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;
import org.junit.jupiter.api.Test;

/**
 * Every way a presentation can be wrong fails its own check, with a detail that names the
 * problem and no claim value; the other checks still report what they found.
 */
class SdJwtVerifierTest {
  private static final CryptoSuite SUITE = CryptoSuite.ED25519_SHA256;
  private static final SigningKey ISSUER_KEY = TestCredentials.issuerKey(SUITE);
  private static final SigningKey HOLDER_KEY = TestCredentials.holderKey(SUITE);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  // ---- helpers ---------------------------------------------------------------------------

  private static IssuedCredential issued() {
    return TestCredentials.issue(SUITE, SUITE);
  }

  private static String present(Set<String> names) throws CredentialException {
    return SdJwt.parse(issued().compact()).present(names, HOLDER_KEY, AUDIENCE, NONCE, NOW);
  }

  private static CredentialVerification verify(String presentation) {
    return TestCredentials.verify(presentation, SUITE);
  }

  private static void assertOnlyFails(CredentialVerification result, String check,
      String detailFragment) {
    assertThat(result.valid()).isFalse();
    assertThat(result.failures()).extracting(Check::name).containsExactly(check);
    assertThat(result.check(check).orElseThrow().detail()).contains(detailFragment);
  }

  private static void assertStopsAt(CredentialVerification result, String check,
      String detailFragment) {
    assertThat(result.valid()).isFalse();
    assertThat(result.failures()).extracting(Check::name).containsExactly(check);
    assertThat(result.check(check).orElseThrow().detail()).contains(detailFragment);
    assertThat(result.checks()).extracting(Check::outcome).last()
        .isEqualTo(Check.Outcome.NOT_RUN);
    assertThat(result.contents()).isEmpty();
  }

  private static ObjectNode header() {
    ObjectNode header = NODES.objectNode();
    header.put("alg", "EdDSA");
    header.put("kid", KID);
    header.put("typ", "dc+sd-jwt");
    return header;
  }

  /** A payload as our issuer writes it, with these digests in {@code _sd}. */
  private static ObjectNode payload(List<Disclosure> inSd) {
    ObjectNode payload = NODES.objectNode();
    payload.put("iss", ISSUER);
    payload.put("iat", IAT);
    payload.put("nbf", IAT);
    payload.put("exp", TestCredentials.EXP);
    payload.put("vct", TestCredentials.VCT);
    payload.putObject("cnf").set("jwk", PublicJwk.of(HOLDER_KEY).toJson());
    payload.put("_sd_alg", "sha-256");
    var sd = payload.putArray("_sd");
    inSd.forEach(d -> sd.add(digest(d)));
    return payload;
  }

  private static String digest(Disclosure disclosure) {
    return disclosure.digest(DigestAlgorithm.SHA_256.hash());
  }

  private static Disclosure disclosure(String name, JsonNode value) {
    return Disclosure.create("c2FsdC1mb3ItdGVzdHM", Optional.of(name), value);
  }

  /** header.payload.signature~d1~...~dn~ signed by {@code key}, without a KB-JWT. */
  private static String sdJwt(ObjectNode header, ObjectNode payload, SigningKey key,
      List<Disclosure> disclosures) {
    StringBuilder out = new StringBuilder(Jws.sign(header, payload, key)).append('~');
    disclosures.forEach(d -> out.append(d.encoded()).append('~'));
    return out.toString();
  }

  private static String withKeyBinding(String sdJwt) {
    return sdJwt + KeyBindingJwt.create(sdJwt, DigestAlgorithm.SHA_256, HOLDER_KEY, AUDIENCE,
        NONCE, NOW);
  }

  private static String kbJwt(ObjectNode header, ObjectNode payload, SigningKey key) {
    return Jws.sign(header, payload, key);
  }

  private static ObjectNode kbHeader() {
    ObjectNode header = NODES.objectNode();
    header.put("alg", "EdDSA");
    header.put("typ", "kb+jwt");
    return header;
  }

  private static ObjectNode kbPayload(String sdJwt) {
    ObjectNode payload = NODES.objectNode();
    payload.put("iat", NOW);
    payload.put("aud", AUDIENCE);
    payload.put("nonce", NONCE);
    payload.put("sd_hash", KeyBindingJwt.sdHash(sdJwt, DigestAlgorithm.SHA_256));
    return payload;
  }

  private static String sdJwtPart(String presentation) {
    return presentation.substring(0, presentation.lastIndexOf('~') + 1);
  }

  // ---- disclosures -----------------------------------------------------------------------

  @Test
  void verify_tamperedDisclosure_failsDisclosures() throws CredentialException {
    IssuedCredential issued = issued();
    Disclosure original = issued.disclosures().stream()
        .filter(d -> d.claimName().orElseThrow().equals("name")).findFirst().orElseThrow();
    Disclosure forged = Disclosure.create(original.salt(), Optional.of("name"),
        TextNode.valueOf("李四"));

    String presentation =
        withKeyBinding(issued.compact().replace(original.encoded(), forged.encoded()));

    assertOnlyFails(verify(presentation), Check.DISCLOSURES, "matches no digest");
    assertThat(verify(presentation).check(Check.DISCLOSURES).orElseThrow().detail())
        .contains("\"name\"").doesNotContain("李四");
  }

  @Test
  void verify_disclosureFromAnotherCredential_failsDisclosures() throws CredentialException {
    Disclosure stranger = disclosure("name", TextNode.valueOf("李四"));
    String presentation = withKeyBinding(issued().compact() + stranger.encoded() + "~");

    assertOnlyFails(verify(presentation), Check.DISCLOSURES, "Disclosure 6");
  }

  @Test
  void verify_repeatedDisclosure_failsFormat() {
    IssuedCredential issued = issued();
    String repeated = issued.compact() + issued.disclosures().get(0).encoded() + "~";

    assertStopsAt(verify(withKeyBinding(repeated)), Check.FORMAT, "repeats Disclosure 1");
  }

  @Test
  void verify_disclosedNameCollidingWithPlainClaim_failsDisclosures() {
    Disclosure name = disclosure("name", TextNode.valueOf("张三"));
    ObjectNode payload = payload(List.of(name));
    payload.put("name", "someone else");

    String presentation = withKeyBinding(sdJwt(header(), payload, ISSUER_KEY, List.of(name)));

    assertOnlyFails(verify(presentation), Check.DISCLOSURES, "already exists");
  }

  @Test
  void verify_disclosedNameUnderscoreSd_failsDisclosures() {
    Disclosure sd = disclosure("_sd", NODES.arrayNode().add("x"));

    String presentation =
        withKeyBinding(sdJwt(header(), payload(List.of(sd)), ISSUER_KEY, List.of(sd)));

    assertOnlyFails(verify(presentation), Check.DISCLOSURES, "reserved claim name \"_sd\"");
  }

  @Test
  void verify_disclosedExpiry_failsDisclosures() {
    Disclosure exp = disclosure("exp", NODES.numberNode(NOW + 10));
    ObjectNode payload = payload(List.of(exp));
    payload.remove("exp");

    String presentation = withKeyBinding(sdJwt(header(), payload, ISSUER_KEY, List.of(exp)));

    assertOnlyFails(verify(presentation), Check.DISCLOSURES,
        "\"exp\", which must not be selectively disclosable");
  }

  @Test
  void verify_arrayElementDisclosureInSdArray_failsDisclosures() {
    Disclosure element = Disclosure.create("c2FsdA", Optional.empty(), TextNode.valueOf("CN"));

    String presentation = withKeyBinding(
        sdJwt(header(), payload(List.of(element)), ISSUER_KEY, List.of(element)));

    assertOnlyFails(verify(presentation), Check.DISCLOSURES, "is an array element");
  }

  @Test
  void verify_propertyDisclosureAsArrayElement_failsDisclosures() {
    Disclosure property = disclosure("nationality", TextNode.valueOf("CN"));
    ObjectNode payload = payload(List.of());
    payload.putArray("nationalities").addObject().put("...", digest(property));

    String presentation =
        withKeyBinding(sdJwt(header(), payload, ISSUER_KEY, List.of(property)));

    assertOnlyFails(verify(presentation), Check.DISCLOSURES, "has a claim name");
  }

  @Test
  void verify_digestListedTwice_failsDisclosures() {
    Disclosure name = disclosure("name", TextNode.valueOf("张三"));

    String presentation = withKeyBinding(
        sdJwt(header(), payload(List.of(name, name)), ISSUER_KEY, List.of(name)));

    assertOnlyFails(verify(presentation), Check.DISCLOSURES, "appears more than once");
  }

  @Test
  void verify_unsupportedSdAlg_failsFormat() {
    ObjectNode payload = payload(List.of());
    payload.put("_sd_alg", "sha-512");

    assertStopsAt(verify(withKeyBinding(sdJwt(header(), payload, ISSUER_KEY, List.of()))),
        Check.FORMAT, "_sd_alg \"sha-512\" is not supported");
  }

  // ---- issuer signature ------------------------------------------------------------------

  @Test
  void verify_algNone_failsIssuerSignature() {
    ObjectNode header = header();
    header.put("alg", "none");
    String unsigned = Base64Url.encode(Jws.ascii(header.toString())) + "."
        + Base64Url.encode(Jws.ascii(payload(List.of()).toString())) + ".~";

    assertStopsAt(verify(withKeyBinding(unsigned)), Check.ISSUER_SIGNATURE,
        "alg \"none\": unsigned JWTs are refused");
  }

  @Test
  void verify_algThatDoesNotMatchTheKey_failsIssuerSignature() {
    ObjectNode header = header();
    header.put("alg", "ES256");

    assertStopsAt(verify(withKeyBinding(sdJwt(header, payload(List.of()), ISSUER_KEY,
        List.of()))), Check.ISSUER_SIGNATURE, "has alg \"ES256\" but its key is ed25519");
  }

  @Test
  void verify_unknownAlg_failsIssuerSignature() {
    ObjectNode header = header();
    header.put("alg", "HS256");

    assertStopsAt(verify(withKeyBinding(sdJwt(header, payload(List.of()), ISSUER_KEY,
        List.of()))), Check.ISSUER_SIGNATURE, "supported: EdDSA, ES256, SM2");
  }

  @Test
  void verify_flippedSignatureBit_failsIssuerSignature() throws CredentialException {
    String compact = issued().compact();
    String jwt = compact.substring(0, compact.indexOf('~'));
    String signature = jwt.substring(jwt.lastIndexOf('.') + 1);
    byte[] bytes = Base64Url.decode(signature, "signature");
    bytes[10] ^= 0x01;
    String forged = compact.replace(signature, Base64Url.encode(bytes));

    assertStopsAt(verify(withKeyBinding(forged)), Check.ISSUER_SIGNATURE, "does not verify");
  }

  @Test
  void verify_signedByAnotherKey_failsIssuerSignature() {
    String forged = sdJwt(header(), payload(List.of()), TestCredentials.otherKey(SUITE),
        List.of());

    assertStopsAt(verify(withKeyBinding(forged)), Check.ISSUER_SIGNATURE, "does not verify");
  }

  @Test
  void verify_untrustedIssuer_failsIssuerSignature() {
    ObjectNode payload = payload(List.of());
    payload.put("iss", "urn:govledger:agency:unknown");

    assertStopsAt(verify(withKeyBinding(sdJwt(header(), payload, ISSUER_KEY, List.of()))),
        Check.ISSUER_SIGNATURE,
        "no trusted key for issuer \"urn:govledger:agency:unknown\" with kid");
  }

  // ---- validity period -------------------------------------------------------------------

  @Test
  void verify_expired_failsValidityPeriod() {
    ObjectNode payload = payload(List.of());
    payload.put("exp", NOW - 61);

    assertOnlyFails(verify(withKeyBinding(sdJwt(header(), payload, ISSUER_KEY, List.of()))),
        Check.VALIDITY_PERIOD, "expired: exp");
  }

  @Test
  void verify_expiredWithinSkew_passes() {
    ObjectNode payload = payload(List.of());
    payload.put("exp", NOW - 59);

    assertThat(verify(withKeyBinding(sdJwt(header(), payload, ISSUER_KEY, List.of()))).valid())
        .isTrue();
  }

  @Test
  void verify_notYetValid_failsValidityPeriod() {
    ObjectNode payload = payload(List.of());
    payload.put("nbf", NOW + 3600);

    assertOnlyFails(verify(withKeyBinding(sdJwt(header(), payload, ISSUER_KEY, List.of()))),
        Check.VALIDITY_PERIOD, "not yet valid: nbf");
  }

  @Test
  void verify_issuedInTheFuture_failsValidityPeriod() {
    ObjectNode payload = payload(List.of());
    payload.put("iat", NOW + 3600);

    assertOnlyFails(verify(withKeyBinding(sdJwt(header(), payload, ISSUER_KEY, List.of()))),
        Check.VALIDITY_PERIOD, "issued in the future");
  }

  // ---- holder binding --------------------------------------------------------------------

  @Test
  void verify_keyBindingSignedByAnotherKey_failsHolderBinding() throws CredentialException {
    String sdJwt = sdJwtPart(present(Set.of("name")));
    String kb = kbJwt(kbHeader(), kbPayload(sdJwt), TestCredentials.otherKey(SUITE));

    assertOnlyFails(verify(sdJwt + kb), Check.HOLDER_BINDING, "KB-JWT signature does not verify");
  }

  @Test
  void verify_keyBindingWithAnotherAlg_failsHolderBinding() throws CredentialException {
    String sdJwt = sdJwtPart(present(Set.of("name")));
    ObjectNode header = kbHeader();
    header.put("alg", "SM2");

    assertOnlyFails(verify(sdJwt + kbJwt(header, kbPayload(sdJwt), HOLDER_KEY)),
        Check.HOLDER_BINDING, "KB-JWT has alg \"SM2\" but its key is ed25519");
  }

  @Test
  void verify_wrongAudience_failsHolderBinding() throws CredentialException {
    String presentation = SdJwt.parse(issued().compact())
        .present(Set.of("name"), HOLDER_KEY, "https://evil.example", NONCE, NOW);

    assertOnlyFails(verify(presentation), Check.HOLDER_BINDING,
        "aud mismatch: got \"https://evil.example\", want \"" + AUDIENCE + "\"");
  }

  @Test
  void verify_wrongNonce_failsHolderBinding() throws CredentialException {
    String presentation = SdJwt.parse(issued().compact())
        .present(Set.of("name"), HOLDER_KEY, AUDIENCE, "replayed-nonce", NOW);

    assertOnlyFails(verify(presentation), Check.HOLDER_BINDING, "nonce mismatch");
  }

  @Test
  void verify_staleKeyBinding_failsHolderBinding() throws CredentialException {
    String presentation = SdJwt.parse(issued().compact())
        .present(Set.of("name"), HOLDER_KEY, AUDIENCE, NONCE, NOW - 361);

    assertOnlyFails(verify(presentation), Check.HOLDER_BINDING, "KB-JWT is stale");
  }

  @Test
  void verify_keyBindingFromTheFuture_failsHolderBinding() throws CredentialException {
    String presentation = SdJwt.parse(issued().compact())
        .present(Set.of("name"), HOLDER_KEY, AUDIENCE, NONCE, NOW + 61);

    assertOnlyFails(verify(presentation), Check.HOLDER_BINDING, "s in the future");
  }

  @Test
  void verify_droppedDisclosureAfterSigning_failsHolderBindingSdHash()
      throws CredentialException {
    String presentation = present(Set.of("name", "birthdate"));
    String[] parts = presentation.split("~", -1);
    String dropped = parts[0] + "~" + parts[2] + "~" + parts[3];

    assertOnlyFails(verify(dropped), Check.HOLDER_BINDING, "sd_hash mismatch");
  }

  @Test
  void verify_keyBindingWithWrongTyp_failsHolderBinding() throws CredentialException {
    String sdJwt = sdJwtPart(present(Set.of("name")));
    ObjectNode header = kbHeader();
    header.put("typ", "JWT");

    assertOnlyFails(verify(sdJwt + kbJwt(header, kbPayload(sdJwt), HOLDER_KEY)),
        Check.HOLDER_BINDING, "typ must be \"kb+jwt\"");
  }

  @Test
  void verify_keyBindingAudienceArray_failsHolderBinding() throws CredentialException {
    String sdJwt = sdJwtPart(present(Set.of("name")));
    ObjectNode payload = kbPayload(sdJwt);
    payload.putArray("aud").add(AUDIENCE);

    assertOnlyFails(verify(sdJwt + kbJwt(kbHeader(), payload, HOLDER_KEY)),
        Check.HOLDER_BINDING, "must have a string aud");
  }

  @Test
  void verify_keyBindingRequiredButMissing_failsHolderBinding() {
    assertOnlyFails(verify(issued().compact()), Check.HOLDER_BINDING, "has no KB-JWT");
  }

  @Test
  void verify_keyBindingWithoutCnf_failsHolderBinding() {
    ObjectNode payload = payload(List.of());
    payload.remove("cnf");

    assertOnlyFails(verify(withKeyBinding(sdJwt(header(), payload, ISSUER_KEY, List.of()))),
        Check.HOLDER_BINDING, "no cnf claim");
  }

  @Test
  void verify_notRequired_stillChecksAPresentKeyBindingJwt() throws CredentialException {
    String sdJwt = sdJwtPart(present(Set.of("name")));
    String forged = sdJwt + kbJwt(kbHeader(), kbPayload(sdJwt), TestCredentials.otherKey(SUITE));

    CredentialVerification result = SdJwtVerifier.forSdJwtVc().verify(forged,
        TestCredentials.keys(SUITE), KeyBindingPolicy.notRequired(), NOW);

    assertOnlyFails(result, Check.HOLDER_BINDING, "signature does not verify");
  }

  @Test
  void verify_notRequired_ignoresAudienceAndNonceOfAValidKeyBindingJwt()
      throws CredentialException {
    String presentation = SdJwt.parse(issued().compact())
        .present(Set.of("name"), HOLDER_KEY, "someone-else", "other-nonce", NOW - 100_000);

    CredentialVerification result = SdJwtVerifier.forSdJwtVc().verify(presentation,
        TestCredentials.keys(SUITE), KeyBindingPolicy.notRequired(), NOW);

    assertThat(result.valid()).isTrue();
  }

  // ---- format ----------------------------------------------------------------------------

  @Test
  void verify_wrongTyp_failsFormat() {
    ObjectNode header = header();
    header.put("typ", "JWT");

    assertStopsAt(verify(withKeyBinding(sdJwt(header, payload(List.of()), ISSUER_KEY,
        List.of()))), Check.FORMAT, "typ must be one of");
  }

  @Test
  void verify_legacyVcTyp_isAccepted() {
    ObjectNode header = header();
    header.put("typ", "vc+sd-jwt");

    assertThat(verify(withKeyBinding(sdJwt(header, payload(List.of()), ISSUER_KEY,
        List.of()))).valid()).isTrue();
  }

  @Test
  void verify_missingVct_failsFormat() {
    ObjectNode payload = payload(List.of());
    payload.remove("vct");

    assertStopsAt(verify(withKeyBinding(sdJwt(header(), payload, ISSUER_KEY, List.of()))),
        Check.FORMAT, "needs a non-empty vct");
  }

  @Test
  void verify_fractionalExpiry_failsFormat() {
    ObjectNode payload = payload(List.of());
    payload.put("exp", 1.5e9 + 0.5);

    assertStopsAt(verify(withKeyBinding(sdJwt(header(), payload, ISSUER_KEY, List.of()))),
        Check.FORMAT, "exp must be a non-negative integer");
  }

  @Test
  void verify_holderJwkWithPrivateKey_failsFormat() {
    ObjectNode payload = payload(List.of());
    ((ObjectNode) payload.get("cnf").get("jwk")).put("d", "bm90LWEta2V5");

    assertStopsAt(verify(withKeyBinding(sdJwt(header(), payload, ISSUER_KEY, List.of()))),
        Check.FORMAT, "cnf.jwk: the JWK holds a private key");
  }

  @Test
  void verify_overTheSizeLimit_failsFormat() {
    String huge = issued().compact() + "A".repeat(SdJwt.MAX_LENGTH);

    assertStopsAt(verify(huge), Check.FORMAT, "over the limit of 65536");
  }

  @Test
  void verify_garbage_failsFormatWithoutThrowing() {
    List<String> inputs = new ArrayList<>(List.of("", "~", "~~", ".", "..~", "a.b.c~",
        "eyJ9.e30.~", "\u0000~", "é~"));
    for (String input : inputs) {
      CredentialVerification result = verify(input);
      assertThat(result.check(Check.FORMAT).orElseThrow().outcome()).as(input)
          .isEqualTo(Check.Outcome.FAILED);
    }
  }

  @Test
  void verify_skewIsConfigurable() {
    ObjectNode payload = payload(List.of());
    payload.put("exp", NOW - 30);
    String presentation = withKeyBinding(sdJwt(header(), payload, ISSUER_KEY, List.of()));

    CredentialVerification strict = SdJwtVerifier.forSdJwtVc().withClockSkew(Duration.ZERO)
        .verify(presentation, TestCredentials.keys(SUITE), TestCredentials.policy(), NOW);

    assertOnlyFails(strict, Check.VALIDITY_PERIOD, "expired");
  }
}
