package org.govledger.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.govledger.ledger.crypto.HashFunctions;
import org.govledger.ledger.json.Canonical;
import org.junit.jupiter.api.Test;

/**
 * The examples of RFC 9901 and SD-JWT VC, byte for byte (sources in the vectors' README). They
 * were made by an independent implementation (the specification's example generator), so these
 * tests check our parser, digests and verifier against someone else's output.
 */
class SpecificationVectorsTest {
  private static final String RFC_ISSUER = "https://issuer.example.com";
  private static final String VC_ISSUER = "https://example.com/issuer";
  private static final String VC_KID = "doc-signer-05-25-2022";
  private static final long KB_IAT_RFC = 1748537243L;
  private static final long KB_IAT_VC = 1756420695L;

  private static PublicJwk issuerKey() throws CredentialException {
    return PublicJwk.fromJson(Vectors.json("rfc9901-A.5-issuer-key.json"));
  }

  @Test
  void disclosures_decodeAndHashAsPublished() {
    List<String> failures = new ArrayList<>();
    for (JsonNode vector : Vectors.json("rfc9901-disclosures.json")) {
      String description = vector.get("description").textValue();
      try {
        Disclosure disclosure = Disclosure.parse(vector.get("disclosure").textValue());
        if (!disclosure.salt().equals(vector.get("salt").textValue())) {
          failures.add(description + ": salt " + disclosure.salt());
        }
        Optional<String> name = Optional.ofNullable(vector.get("name")).map(JsonNode::textValue);
        if (!disclosure.claimName().equals(name)) {
          failures.add(description + ": name " + disclosure.claimName() + ", want " + name);
        }
        if (!sameJson(disclosure.value(), vector.get("value"))) {
          failures.add(description + ": value differs");
        }
        if (vector.has("sha256")) {
          String digest = disclosure.digest(HashFunctions.sha256());
          if (!digest.equals(vector.get("sha256").textValue())) {
            failures.add(description + ": digest " + digest + ", want " + vector.get("sha256"));
          }
        }
        if (vector.path("canonical").asBoolean()) {
          Disclosure ours = Disclosure.create(disclosure.salt(), name, vector.get("value"));
          if (!ours.encoded().equals(vector.get("disclosure").textValue())) {
            failures.add(description + ": we encode it as " + ours.encoded());
          }
        }
      } catch (CredentialException e) {
        failures.add(description + ": " + e.getMessage());
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void issuerKey_isTheAppendixA5Key() throws CredentialException {
    PublicJwk key = issuerKey();
    assertThat(key.suite()).isEqualTo(org.govledger.ledger.crypto.CryptoSuite.P256_SHA256);
    assertThat(sameJson(key.toJson(), Vectors.json("rfc9901-A.5-issuer-key.json"))).isTrue();
  }

  @Test
  void rfc9901Issuance_verifiesAndOffersEveryClaim() throws CredentialException {
    String sdJwt = Vectors.compact("rfc9901-5.1-sd-jwt.txt");
    SdJwt parsed = SdJwt.parse(sdJwt);
    assertThat(parsed.disclosures()).hasSize(10);
    assertThat(parsed.keyBindingJwt()).isEmpty();
    assertThat(parsed.claimNames()).containsExactly("address", "birthdate", "email",
        "family_name", "given_name", "nationalities", "phone_number", "phone_number_verified",
        "updated_at");

    CredentialVerification result = SdJwtVerifier.forType("example+sd-jwt").verify(sdJwt,
        IssuerKeys.of(RFC_ISSUER, "", issuerKey()), KeyBindingPolicy.notRequired(),
        KB_IAT_RFC);

    assertThat(result.failures()).isEmpty();
    assertThat(result.valid()).isTrue();
    CredentialContents contents = result.contents().orElseThrow();
    assertThat(contents.disclosedClaims().get("address").get("locality").textValue())
        .isEqualTo("Anytown");
    assertThat(contents.visibleClaims().get("nationalities").toString())
        .isEqualTo("[\"US\",\"DE\"]");
  }

  @Test
  void rfc9901Presentation_withKeyBinding_givesTheProcessedPayload() throws CredentialException {
    String presentation = Vectors.compact("rfc9901-5.2-presentation.txt");

    CredentialVerification result = SdJwtVerifier.forType("example+sd-jwt").verify(
        presentation, IssuerKeys.of(RFC_ISSUER, "", issuerKey()),
        KeyBindingPolicy.required("https://verifier.example.org", "1234567890",
            Duration.ofMinutes(5), Duration.ofSeconds(60)),
        KB_IAT_RFC + 30);

    assertThat(result.failures()).isEmpty();
    assertThat(result.valid()).isTrue();
    ObjectNode processed = processedPayload(result.contents().orElseThrow());
    assertThat(sameJson(processed, Vectors.json("rfc9901-5.2-processed-payload.json")))
        .as("processed payload %s", processed).isTrue();
  }

  @Test
  void rfc9901AppendixA4_nestedDisclosures_giveTheProcessedPayload() throws CredentialException {
    String presentation = Vectors.compact("rfc9901-A.4-presentation.txt");

    CredentialVerification result = SdJwtVerifier.forType("example+sd-jwt").verify(
        presentation, IssuerKeys.of("", "", issuerKey()),
        KeyBindingPolicy.required("https://verifier.example.org", "1234567890",
            Duration.ofMinutes(5), Duration.ofSeconds(60)),
        KB_IAT_RFC + 30);

    assertThat(result.failures()).isEmpty();
    assertThat(result.valid()).isTrue();
    ObjectNode processed = processedPayload(result.contents().orElseThrow());
    assertThat(sameJson(processed, Vectors.json("rfc9901-A.4-processed-payload.json")))
        .as("processed payload %s", processed).isTrue();
  }

  @Test
  void sdJwtVcIssuance_verifiesAsAnSdJwtVc() throws CredentialException {
    String sdJwt = Vectors.compact("sd-jwt-vc-3.3-issued.txt");

    CredentialVerification result = SdJwtVerifier.forSdJwtVc().verify(sdJwt,
        IssuerKeys.of(VC_ISSUER, VC_KID, issuerKey()), KeyBindingPolicy.notRequired(),
        KB_IAT_VC);

    assertThat(result.failures()).isEmpty();
    CredentialContents contents = result.contents().orElseThrow();
    assertThat(contents.vct()).contains("https://credentials.example.com/identity_credential");
    assertThat(contents.keyId()).isEqualTo(VC_KID);
    assertThat(contents.expiresAt()).hasValue(1883000000L);
    assertThat(CredentialClaims.names(contents.disclosedClaims())).containsExactlyInAnyOrder(
        "given_name", "family_name", "email", "phone_number", "address", "birthdate",
        "is_over_18", "is_over_21", "is_over_65");
  }

  @Test
  void sdJwtVcPresentation_withKeyBinding_verifies() throws CredentialException {
    String presentation = Vectors.compact("sd-jwt-vc-4.2-presentation-kb.txt");

    CredentialVerification result = SdJwtVerifier.forSdJwtVc().verify(presentation,
        IssuerKeys.of(VC_ISSUER, VC_KID, issuerKey()),
        KeyBindingPolicy.required("https://example.com/verifier", "1234567890",
            Duration.ofMinutes(5), Duration.ofSeconds(60)),
        KB_IAT_VC + 30);

    assertThat(result.failures()).isEmpty();
    assertThat(result.valid()).isTrue();
    CredentialContents contents = result.contents().orElseThrow();
    assertThat(CredentialClaims.names(contents.disclosedClaims()))
        .containsExactlyInAnyOrder("is_over_65", "address");
    assertThat(contents.holderKey().orElseThrow().toJson().get("x").textValue())
        .isEqualTo("TCAER19Zvu3OHF4j4W4vfSVoHIP1ILilDls7vCeGemc");
  }

  @Test
  void sdJwtVcPresentation_withoutKidOrCnf_verifiesWhenBindingIsNotRequired()
      throws CredentialException {
    String presentation = Vectors.compact("sd-jwt-vc-4.2-presentation-no-kb.txt");
    PublicJwk key = issuerKey();

    CredentialVerification result = SdJwtVerifier.forSdJwtVc().verify(presentation,
        (iss, kid) -> iss.equals(VC_ISSUER) ? Optional.of(key) : Optional.empty(),
        KeyBindingPolicy.notRequired(), KB_IAT_VC);

    assertThat(result.failures()).isEmpty();
    assertThat(result.contents().orElseThrow().keyId()).isEmpty();
    assertThat(result.contents().orElseThrow().holderKey()).isEmpty();
  }

  @Test
  void sdJwtVcPresentation_withoutKeyBinding_failsWhenBindingIsRequired()
      throws CredentialException {
    String presentation = Vectors.compact("sd-jwt-vc-4.2-presentation-no-kb.txt");
    PublicJwk key = issuerKey();

    CredentialVerification result = SdJwtVerifier.forSdJwtVc().verify(presentation,
        (iss, kid) -> Optional.of(key),
        KeyBindingPolicy.required("https://example.com/verifier", "1234567890",
            Duration.ofMinutes(5), Duration.ofSeconds(60)), KB_IAT_VC);

    assertThat(result.valid()).isFalse();
    assertThat(result.check(Check.HOLDER_BINDING).orElseThrow().outcome())
        .isEqualTo(Check.Outcome.FAILED);
  }

  @Test
  void rfc9901Presentation_isNotAnSdJwtVc() throws CredentialException {
    CredentialVerification result = SdJwtVerifier.forSdJwtVc().verify(
        Vectors.compact("rfc9901-5.2-presentation.txt"),
        IssuerKeys.of(RFC_ISSUER, "", issuerKey()), KeyBindingPolicy.notRequired(), KB_IAT_RFC);

    assertThat(result.check(Check.FORMAT).orElseThrow().detail()).contains("typ");
    assertThat(result.valid()).isFalse();
  }

  /** Reassembles the spec's "Processed SD-JWT Payload" from what the verifier reports. */
  private static ObjectNode processedPayload(CredentialContents contents) {
    ObjectNode payload = contents.visibleClaims();
    if (!contents.issuer().isEmpty()) {
      payload.put("iss", contents.issuer());
    }
    contents.issuedAt().ifPresent(iat -> payload.put("iat", iat));
    contents.notBefore().ifPresent(nbf -> payload.put("nbf", nbf));
    contents.expiresAt().ifPresent(exp -> payload.put("exp", exp));
    contents.vct().ifPresent(vct -> payload.put("vct", vct));
    contents.holderKey().ifPresent(key -> payload.putObject("cnf").set("jwk", key.toJson()));
    payload.setAll(contents.disclosedClaims());
    return payload;
  }

  /** Equal as JSON values: numbers compare by value, members in any order. */
  static boolean sameJson(JsonNode a, JsonNode b) {
    return Arrays.equals(Canonical.canonicalize(a), Canonical.canonicalize(b));
  }
}
