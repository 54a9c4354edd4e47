package org.govledger.credentials.openid4vp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.govledger.credentials.openid4vp.Fixtures.CLIENT_ID;
import static org.govledger.credentials.openid4vp.Fixtures.KID;
import static org.govledger.credentials.openid4vp.Fixtures.NOW;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractThrowableAssert;
import org.govledger.credentials.CredentialException;
import org.govledger.ledger.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PresentationRequestTest {
  private static final CryptoSuite SUITE = CryptoSuite.ED25519_SHA256;

  @ParameterizedTest
  @EnumSource(CryptoSuite.class)
  void signAndVerify_roundTrips_onEverySuite(CryptoSuite suite) throws Exception {
    PresentationRequest request = Fixtures.request();
    String jws = request.sign(Fixtures.verifierKey(suite), KID);

    PresentationRequest verified = PresentationRequest.verify(jws, Fixtures.registry(suite), NOW);

    assertThat(verified).isEqualTo(request);
    assertThat(verified.dcqlQuery().claimNames("resident_id")).containsExactly("birthDate", "name");
    JsonNode header = decode(jws, 0);
    assertThat(header.get("typ").textValue()).isEqualTo("oauth-authz-req+jwt");
    assertThat(header.get("kid").textValue()).isEqualTo(KID);
    assertThat(header.get("alg").textValue())
        .isEqualTo(org.govledger.credentials.PublicJwk.of(Fixtures.verifierKey(suite))
            .algorithm().jwsName());
  }

  @Test
  void sign_writesTheSpecParameters() throws Exception {
    JsonNode payload = decode(Fixtures.request().sign(Fixtures.verifierKey(SUITE), KID), 1);

    assertThat(payload.get("response_type").textValue()).isEqualTo("vp_token");
    assertThat(payload.get("response_mode").textValue()).isEqualTo("direct_post");
    assertThat(payload.get("client_id").textValue()).isEqualTo(CLIENT_ID);
    assertThat(payload.get("aud").textValue()).isEqualTo("https://self-issued.me/v2");
    assertThat(payload.get("dcql_query")).isEqualTo(Fixtures.query().toJson());
    assertThat(payload.get("purpose").textValue()).isEqualTo(Fixtures.PURPOSE);
  }

  @Test
  void verify_atExp_isExpired() {
    String jws = Fixtures.request(NOW, NOW + 300).sign(Fixtures.verifierKey(SUITE), KID);

    refused(jws, NOW + 300, Openid4vpCodes.EXPIRED, "expired at " + (NOW + 300));
    refused(jws, NOW + 10_000, Openid4vpCodes.EXPIRED, "ago");
  }

  @Test
  void verify_iatBeyondClockSkew_isRefused() throws Exception {
    String jws = Fixtures.request(NOW + 61, NOW + 300).sign(Fixtures.verifierKey(SUITE), KID);

    refused(jws, NOW, Openid4vpCodes.ISSUED_IN_FUTURE, "61 s in the future");
    assertThat(PresentationRequest.verify(jws, Fixtures.registry(SUITE), NOW + 1).issuedAt())
        .isEqualTo(NOW + 61);
  }

  @Test
  void verify_lifetimeOverTenMinutes_isRefused() {
    String jws = forge(header -> { }, payload -> payload.put("exp", NOW + 601));

    refused(jws, NOW, Openid4vpCodes.LIFETIME_TOO_LONG, "601 s");
  }

  @Test
  void constructor_lifetimeOverTenMinutes_isRefused() {
    assertThatThrownBy(() -> Fixtures.request(NOW, NOW + 601))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 600 s");
  }

  @Test
  void verify_wrongTyp_isRefused() {
    refused(forge(header -> header.put("typ", "JWT"), payload -> { }), NOW,
        Openid4vpCodes.WRONG_TYP, "typ \"JWT\"");
    refused(forge(header -> header.remove("typ"), payload -> { }), NOW,
        Openid4vpCodes.WRONG_TYP, "no \"typ\"");
  }

  @Test
  void verify_mediaTypeFormOfTyp_isAccepted() throws Exception {
    String jws = forge(header -> header.put("typ", "application/oauth-authz-req+jwt"), p -> { });

    assertThat(PresentationRequest.verify(jws, Fixtures.registry(SUITE), NOW).clientId())
        .isEqualTo(CLIENT_ID);
  }

  @Test
  void verify_flippedSignatureBit_isRefused() {
    String jws = Fixtures.request().sign(Fixtures.verifierKey(SUITE), KID);
    byte[] signature = Base64.getUrlDecoder().decode(jws.substring(jws.lastIndexOf('.') + 1));
    signature[5] ^= 1;
    String tampered = jws.substring(0, jws.lastIndexOf('.') + 1)
        + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);

    refused(tampered, NOW, CredentialException.BAD_SIGNATURE, "does not verify");
  }

  @Test
  void verify_signedByAnotherKey_isRefused() {
    String jws = Fixtures.request().sign(Fixtures.otherKey(SUITE), KID);

    refused(jws, NOW, CredentialException.BAD_SIGNATURE, "does not verify");
  }

  @Test
  void verify_changedPayload_isRefused() {
    String jws = Fixtures.request().sign(Fixtures.verifierKey(SUITE), KID);
    String[] parts = jws.split("\\.");
    ObjectNode payload = (ObjectNode) decode(jws, 1);
    payload.put("response_uri", "https://attacker.example/collect");
    String tampered = parts[0] + "." + encode(payload) + "." + parts[2];

    refused(tampered, NOW, CredentialException.BAD_SIGNATURE, "does not verify");
  }

  @Test
  void verify_algOfAnotherSuite_isRefused() {
    String jws = Fixtures.request().sign(Fixtures.verifierKey(CryptoSuite.P256_SHA256), KID);

    refused(jws, NOW, CredentialException.BAD_SIGNATURE, "\"ES256\" but the verifier's key"
        + " signs with \"EdDSA\"");
  }

  @Test
  void verify_unknownClient_isRefused() {
    String jws = forge(header -> { }, payload -> payload.put("client_id", "unknown-bank"));

    refused(jws, NOW, Openid4vpCodes.UNKNOWN_VERIFIER, "verifier \"unknown-bank\"");
  }

  @Test
  void verify_unknownKid_isRefused() {
    String jws = Fixtures.request().sign(Fixtures.verifierKey(SUITE), "revoked-2025");

    refused(jws, NOW, Openid4vpCodes.UNKNOWN_VERIFIER, "no key \"revoked-2025\"");
  }

  @Test
  void verify_missingKid_isRefused() {
    refused(forge(header -> header.remove("kid"), payload -> { }), NOW,
        Openid4vpCodes.MISSING_PARAMETER, "no \"kid\"");
  }

  @Test
  void verify_missingNonce_isRefused() {
    refused(forge(header -> { }, payload -> payload.remove("nonce")), NOW,
        Openid4vpCodes.MISSING_PARAMETER, "no \"nonce\"");
  }

  @Test
  void verify_missingResponseUri_isRefused() {
    refused(forge(header -> { }, payload -> payload.remove("response_uri")), NOW,
        Openid4vpCodes.MISSING_PARAMETER, "no \"response_uri\"");
  }

  @Test
  void verify_missingClientIdOrQueryOrPurpose_isRefused() {
    refused(forge(header -> { }, payload -> payload.remove("client_id")), NOW,
        Openid4vpCodes.MISSING_PARAMETER, "no \"client_id\"");
    refused(forge(header -> { }, payload -> payload.remove("dcql_query")), NOW,
        Openid4vpCodes.MISSING_PARAMETER, "no \"dcql_query\"");
    refused(forge(header -> { }, payload -> payload.remove("purpose")), NOW,
        Openid4vpCodes.MISSING_PARAMETER, "no \"purpose\"");
  }

  @Test
  void verify_wrongTypes_areRefused() {
    refused(forge(header -> { }, payload -> payload.put("exp", "soon")), NOW,
        CredentialException.MALFORMED, "\"exp\" must be a non-negative integer");
    refused(forge(header -> { }, payload -> payload.put("nonce", 12345)), NOW,
        CredentialException.MALFORMED, "\"nonce\" must be a string");
    refused(forge(header -> { }, payload -> payload.put("nonce", "not url safe!")), NOW,
        CredentialException.MALFORMED, "nonce must be 1-256 ASCII URL-safe");
    refused(forge(header -> { }, payload -> payload.put("response_uri", "ftp://bank.example")),
        NOW, CredentialException.MALFORMED, "https (or http) URL");
  }

  @Test
  void verify_algNone_isRefused() {
    ObjectNode header = new ObjectMapper().createObjectNode();
    header.put("alg", "none");
    header.put("typ", PresentationRequest.TYP);
    header.put("kid", KID);
    String jws = encode(header) + "." + encode(Fixtures.request().toJson()) + ".";

    refused(jws, NOW, CredentialException.UNSUPPORTED_ALGORITHM, "unsigned");
  }

  @Test
  void verify_unknownAlg_isRefused() {
    refused(forge(header -> header.put("alg", "HS256"), payload -> { }), NOW,
        CredentialException.UNSUPPORTED_ALGORITHM, "\"HS256\"");
  }

  @Test
  void verify_malformed_isRefused() {
    refused("", NOW, CredentialException.MALFORMED, "empty");
    refused("not a jws", NOW, CredentialException.MALFORMED, "three base64url parts");
    refused("a.b", NOW, CredentialException.MALFORMED, "found 2");
    refused("e30.e30.", NOW, CredentialException.MALFORMED, "string \"alg\"");
    refused("eyI.e30.AA", NOW, CredentialException.MALFORMED, "header is not strict JSON");
    refused("e3=.e30.AA", NOW, CredentialException.MALFORMED, "not base64url");
    refused(encode("[1]") + ".e30.AA", NOW, CredentialException.MALFORMED,
        "must be a JSON object, not an array");
    refused("a".repeat(PresentationRequest.MAX_LENGTH + 1), NOW, CredentialException.TOO_LARGE,
        "over the limit");
  }

  @Test
  void verify_clientIdWithPrefix_isRefused() {
    refused(forge(header -> { }, payload -> payload.put("client_id", "x509_hash:Uvo3HtuIx")), NOW,
        Openid4vpCodes.UNSUPPORTED_CLIENT_ID_PREFIX, "\"x509_hash\"");
  }

  @Test
  void verify_otherResponseModesAndParameters_areRefused() {
    refused(forge(header -> { }, payload -> payload.put("response_mode", "direct_post.jwt")),
        NOW, Openid4vpCodes.UNSUPPORTED_REQUEST, "\"direct_post.jwt\"");
    refused(forge(header -> { }, payload -> payload.put("response_type", "vp_token id_token")),
        NOW, Openid4vpCodes.UNSUPPORTED_REQUEST, "response_type");
    refused(forge(header -> { }, payload -> payload.putArray("transaction_data").add("e30")),
        NOW, Openid4vpCodes.UNSUPPORTED_REQUEST, "transaction_data");
    refused(forge(header -> { }, payload -> payload.put("redirect_uri", "https://bank.example")),
        NOW, Openid4vpCodes.UNSUPPORTED_REQUEST, "redirect_uri");
    refused(forge(header -> { }, payload -> payload.put("aud", "https://other.example")),
        NOW, Openid4vpCodes.UNSUPPORTED_REQUEST, "aud");
  }

  @Test
  void verify_unsupportedQuery_isRefused() {
    refused(forge(header -> { }, payload -> ((ObjectNode) payload.get("dcql_query"))
        .putArray("credential_sets")), NOW, Openid4vpCodes.UNSUPPORTED_QUERY, "credential_sets");
  }

  @Test
  void verify_unknownParameters_areIgnored() throws Exception {
    String jws = forge(header -> { }, payload -> {
      payload.put("iss", "anyone");
      payload.put("wallet_nonce", "abc");
      payload.put("verifier_info", "x");
    });

    assertThat(PresentationRequest.verify(jws, Fixtures.registry(SUITE), NOW))
        .isEqualTo(Fixtures.request());
  }

  @Test
  void randomValue_is22UrlSafeCharacters() {
    String value = PresentationRequest.randomValue(Fixtures.random(1));

    assertThat(value).hasSize(22).matches("[A-Za-z0-9_-]+");
    assertThat(PresentationRequest.randomValue(Fixtures.random(2))).isNotEqualTo(value);
  }

  @Test
  void constructor_badValues_areRefused() {
    assertThatThrownBy(() -> new PresentationRequest("bank id", Fixtures.RESPONSE_URI,
        Fixtures.NONCE, Fixtures.STATE, Fixtures.query(), NOW, NOW + 60, Fixtures.PURPOSE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client_id");
    assertThatThrownBy(() -> new PresentationRequest(CLIENT_ID, Fixtures.RESPONSE_URI,
        Fixtures.NONCE, Fixtures.STATE, Fixtures.query(), NOW, NOW + 60, " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("purpose");
    assertThatThrownBy(() -> Fixtures.request().sign(Fixtures.verifierKey(SUITE), ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kid");
  }

  /** A request object with {@code header} and {@code payload} changed, signed correctly. */
  static String forge(Consumer<ObjectNode> header, Consumer<ObjectNode> payload) {
    ObjectNode h = new ObjectMapper().createObjectNode();
    h.put("alg", "EdDSA");
    h.put("kid", KID);
    h.put("typ", PresentationRequest.TYP);
    header.accept(h);
    ObjectNode p = Fixtures.request().toJson();
    payload.accept(p);
    return CompactJws.sign(h, p, Fixtures.verifierKey(SUITE));
  }

  private static AbstractThrowableAssert<?, ?> refused(String jws, long now, String code,
      String message) {
    return assertThatThrownBy(() -> PresentationRequest.verify(jws, Fixtures.registry(SUITE), now))
        .isInstanceOfSatisfying(CredentialException.class,
            e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code))
        .hasMessageContaining(message);
  }

  static JsonNode decode(String jws, int part) {
    try {
      return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(jws.split("\\.")[part]));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String encode(JsonNode json) {
    return encode(json.toString());
  }

  private static String encode(String text) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
