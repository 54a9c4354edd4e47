package org.govledger.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.authlete.sd.SDJWT;
import com.authlete.sd.SDObjectBuilder;
import com.authlete.sd.SDObjectDecoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with an independent implementation: authlete's sd-jwt library for SD-JWT
 * structure and digests, Nimbus JOSE+JWT for ES256, and the JDK's own Ed25519 for EdDSA (Nimbus
 * needs Google Tink for Ed25519, which this project does not depend on).
 */
class AuthleteInteropTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> DISCLOSED = Set.of("name", "address");

  /** Our P-256 key as a Nimbus private JWK. */
  private static ECKey nimbusKey(SigningKey key) throws Exception {
    ObjectNode jwk = PublicJwk.of(key).toJson();
    jwk.put("d", Base64Url.encode(key.privateKeyBytes()));
    return ECKey.parse(jwk.toString());
  }

  private static String claim(String jwt, String name) throws Exception {
    return SignedJWT.parse(jwt).getJWTClaimsSet().getStringClaim(name);
  }

  // ---- (a) ours, read by theirs ----------------------------------------------------------

  @Test
  void ourP256Credential_parsesWithAuthlete_andVerifiesWithNimbus() throws Exception {
    IssuedCredential issued = TestCredentials.issue(CryptoSuite.P256_SHA256,
        CryptoSuite.P256_SHA256);
    SdJwt ours = SdJwt.parse(issued.compact());

    SDJWT theirs = SDJWT.parse(issued.compact());
    SignedJWT jwt = SignedJWT.parse(theirs.getCredentialJwt());
    ECKey issuerKey = ECKey.parse(PublicJwk.of(
        TestCredentials.issuerKey(CryptoSuite.P256_SHA256)).toJson().toString());

    assertThat(jwt.verify(new ECDSAVerifier(issuerKey))).isTrue();
    assertThat(jwt.getHeader().getType().getType()).isEqualTo("dc+sd-jwt");
    assertThat(jwt.getHeader().getKeyID()).isEqualTo(TestCredentials.KID);
    assertThat(theirs.getHashAlgorithm()).isEqualTo("sha-256");
    List<String> theirDigests = new ArrayList<>();
    theirs.getDisclosures().forEach(d -> theirDigests.add(d.digest()));
    List<String> ourDigests = new ArrayList<>();
    ours.disclosures().forEach(d -> ourDigests.add(d.digest(DigestAlgorithm.SHA_256.hash())));
    assertThat(theirDigests).isEqualTo(ourDigests);
    assertThat(jwt.getJWTClaimsSet().getStringListClaim("_sd"))
        .containsExactlyInAnyOrderElementsOf(theirDigests);
    Map<String, Object> decoded = new SDObjectDecoder()
        .decode(jwt.getJWTClaimsSet().toJSONObject(), theirs.getDisclosures());
    for (String name : TestCredentials.claims().properties().stream().map(Map.Entry::getKey)
        .toList()) {
      JsonNode value = MAPPER.valueToTree(decoded.get(name));
      assertThat(value).as(name).isEqualTo(TestCredentials.claims().get(name));
    }
  }

  @Test
  void ourPresentation_keyBindingVerifiesWithNimbus_andSdHashMatchesAuthlete()
      throws Exception {
    SigningKey holder = TestCredentials.holderKey(CryptoSuite.P256_SHA256);
    String presentation = SdJwt.parse(TestCredentials.issue(CryptoSuite.P256_SHA256,
        CryptoSuite.P256_SHA256).compact()).present(DISCLOSED, holder,
        TestCredentials.AUDIENCE, TestCredentials.NONCE, TestCredentials.NOW);

    SDJWT theirs = SDJWT.parse(presentation);
    SignedJWT kb = SignedJWT.parse(theirs.getBindingJwt());

    assertThat(kb.verify(new ECDSAVerifier(nimbusKey(holder).toECPublicKey()))).isTrue();
    assertThat(kb.getHeader().getType().getType()).isEqualTo("kb+jwt");
    JWTClaimsSet claims = kb.getJWTClaimsSet();
    assertThat(claims.getStringClaim("sd_hash")).isEqualTo(theirs.getSDHash());
    assertThat(claims.getAudience()).containsExactly(TestCredentials.AUDIENCE);
    assertThat(claims.getStringClaim("nonce")).isEqualTo(TestCredentials.NONCE);
    assertThat(claims.getIssueTime().getTime() / 1000).isEqualTo(TestCredentials.NOW);
    assertThat(theirs.getDisclosures()).extracting(com.authlete.sd.Disclosure::getClaimName)
        .containsExactlyInAnyOrderElementsOf(DISCLOSED);
  }

  @Test
  void ourEd25519Credential_verifiesWithTheJdk() throws Exception {
    IssuedCredential issued = TestCredentials.issue(CryptoSuite.ED25519_SHA256,
        CryptoSuite.ED25519_SHA256);
    String jwt = SDJWT.parse(issued.compact()).getCredentialJwt();
    String input = jwt.substring(0, jwt.lastIndexOf('.'));

    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(jdkEd25519PublicKey(
        TestCredentials.issuerKey(CryptoSuite.ED25519_SHA256).publicKey()));
    verifier.update(Jws.ascii(input));

    assertThat(verifier.verify(new Base64URL(jwt.substring(jwt.lastIndexOf('.') + 1)).decode()))
        .isTrue();
  }

  @Test
  void thumbprints_matchNimbus() throws Exception {
    for (CryptoSuite suite : List.of(CryptoSuite.P256_SHA256, CryptoSuite.ED25519_SHA256)) {
      PublicJwk key = PublicJwk.of(TestCredentials.holderKey(suite));
      String nimbus = suite == CryptoSuite.P256_SHA256
          ? ECKey.parse(key.toJson().toString()).computeThumbprint().toString()
          : OctetKeyPair.parse(key.toJson().toString()).computeThumbprint().toString();
      assertThat(key.thumbprint()).as(suite.id()).isEqualTo(nimbus);
    }
  }

  // ---- (b) theirs, read by ours ----------------------------------------------------------

  /** An SD-JWT VC built by authlete (with three decoy digests) and signed by {@code signer}. */
  private static SDJWT authleteCredential(JWSSigner signer, JWSAlgorithm alg,
      ObjectNode holderJwk) throws Exception {
    SDObjectBuilder builder = new SDObjectBuilder();
    List<com.authlete.sd.Disclosure> disclosures = new ArrayList<>();
    disclosures.add(builder.putSDClaim("given_name", "小明"));
    disclosures.add(builder.putSDClaim("family_name", "王"));
    Map<String, Object> address = new LinkedHashMap<>();
    address.put("city", "杭州");
    address.put("postal_code", "310000");
    disclosures.add(builder.putSDClaim("address", address));
    disclosures.add(builder.putSDClaim("is_over_18", true));
    builder.putDecoyDigests(3);
    Map<String, Object> payload = builder.build();
    payload.put("iss", TestCredentials.ISSUER);
    payload.put("iat", TestCredentials.IAT);
    payload.put("exp", TestCredentials.EXP);
    payload.put("vct", TestCredentials.VCT);
    payload.put("cnf", Map.of("jwk", MAPPER.convertValue(holderJwk, Map.class)));
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg)
        .type(new JOSEObjectType("dc+sd-jwt")).keyID(TestCredentials.KID).build(),
        JWTClaimsSet.parse(payload));
    jwt.sign(signer);
    return new SDJWT(jwt.serialize(), disclosures);
  }

  /** Selects the named Disclosures and adds a KB-JWT that Nimbus signs. */
  private static String authletePresentation(SDJWT issued, Set<String> names, JWSSigner holder,
      JWSAlgorithm alg) throws Exception {
    List<com.authlete.sd.Disclosure> chosen = issued.getDisclosures().stream()
        .filter(d -> names.contains(d.getClaimName())).toList();
    SDJWT withoutKb = new SDJWT(issued.getCredentialJwt(), chosen);
    SignedJWT kb = new SignedJWT(new JWSHeader.Builder(alg)
        .type(new JOSEObjectType("kb+jwt")).build(),
        new JWTClaimsSet.Builder()
            .issueTime(new Date(TestCredentials.NOW * 1000))
            .audience(TestCredentials.AUDIENCE)
            .claim("nonce", TestCredentials.NONCE)
            .claim("sd_hash", withoutKb.getSDHash())
            .build());
    kb.sign(holder);
    return new SDJWT(issued.getCredentialJwt(), chosen, kb.serialize()).toString();
  }

  @Test
  void authleteP256Credential_andItsKeyBinding_verifyWithOurs() throws Exception {
    SigningKey issuer = TestCredentials.issuerKey(CryptoSuite.P256_SHA256);
    SigningKey holder = TestCredentials.holderKey(CryptoSuite.P256_SHA256);
    SDJWT issued = authleteCredential(new ECDSASigner(nimbusKey(issuer)), JWSAlgorithm.ES256,
        PublicJwk.of(holder).toJson());

    String presentation = authletePresentation(issued, Set.of("given_name", "address"),
        new ECDSASigner(nimbusKey(holder)), JWSAlgorithm.ES256);
    CredentialVerification result = TestCredentials.verify(presentation, CryptoSuite.P256_SHA256);

    assertThat(result.failures()).isEmpty();
    assertThat(result.valid()).isTrue();
    JsonNode disclosed = result.contents().orElseThrow().disclosedClaims();
    assertThat(disclosed.get("given_name").textValue()).isEqualTo("小明");
    assertThat(disclosed.get("address").get("city").textValue()).isEqualTo("杭州");
    assertThat(disclosed.has("family_name")).isFalse();
    assertThat(SdJwt.parse(issued.toString()).claimNames())
        .containsExactly("address", "family_name", "given_name", "is_over_18");
  }

  @Test
  void authleteEd25519Credential_andItsKeyBinding_verifyWithOurs() throws Exception {
    KeyPair issuer = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    KeyPair holder = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    PublicJwk issuerJwk = new PublicJwk(CryptoSuite.ED25519_SHA256, raw(issuer.getPublic()));
    PublicJwk holderJwk = new PublicJwk(CryptoSuite.ED25519_SHA256, raw(holder.getPublic()));
    SDJWT issued = authleteCredential(new JdkEd25519Signer(issuer.getPrivate()),
        JWSAlgorithm.EdDSA, holderJwk.toJson());

    String presentation = authletePresentation(issued, Set.of("is_over_18"),
        new JdkEd25519Signer(holder.getPrivate()), JWSAlgorithm.EdDSA);
    CredentialVerification result = SdJwtVerifier.forSdJwtVc().verify(presentation,
        IssuerKeys.of(TestCredentials.ISSUER, TestCredentials.KID, issuerJwk),
        TestCredentials.policy(), TestCredentials.NOW);

    assertThat(result.failures()).isEmpty();
    assertThat(result.valid()).isTrue();
    assertThat(result.contents().orElseThrow().disclosedClaims().toString())
        .isEqualTo("{\"is_over_18\":true}");
  }

  @Test
  void authleteCredential_withATamperedDisclosure_failsOurs() throws Exception {
    SigningKey issuer = TestCredentials.issuerKey(CryptoSuite.P256_SHA256);
    SigningKey holder = TestCredentials.holderKey(CryptoSuite.P256_SHA256);
    SDJWT issued = authleteCredential(new ECDSASigner(nimbusKey(issuer)), JWSAlgorithm.ES256,
        PublicJwk.of(holder).toJson());
    com.authlete.sd.Disclosure original = issued.getDisclosures().get(0);
    com.authlete.sd.Disclosure forged = new com.authlete.sd.Disclosure(original.getSalt(),
        original.getClaimName(), "小红");
    SDJWT tampered = new SDJWT(issued.getCredentialJwt(), List.of(forged));

    String presentation = authletePresentation(tampered, Set.of("given_name"),
        new ECDSASigner(nimbusKey(holder)), JWSAlgorithm.ES256);
    CredentialVerification result = TestCredentials.verify(presentation, CryptoSuite.P256_SHA256);

    assertThat(result.failures()).extracting(Check::name).containsExactly(Check.DISCLOSURES);
  }

  private static byte[] raw(PublicKey ed25519) {
    byte[] encoded = ed25519.getEncoded();
    return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
  }

  private static PublicKey jdkEd25519PublicKey(byte[] raw) throws GeneralSecurityException {
    byte[] prefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    byte[] spki = Arrays.copyOf(prefix, prefix.length + raw.length);
    System.arraycopy(raw, 0, spki, prefix.length, raw.length);
    return java.security.KeyFactory.getInstance("Ed25519")
        .generatePublic(new java.security.spec.X509EncodedKeySpec(spki));
  }

  /** Nimbus signs EdDSA through Google Tink; this signs through the JDK's Ed25519 instead. */
  private static final class JdkEd25519Signer implements JWSSigner {
    private final PrivateKey key;
    private final JCAContext jca = new JCAContext();

    JdkEd25519Signer(PrivateKey key) {
      this.key = key;
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
      try {
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(key);
        signature.update(signingInput);
        return Base64URL.encode(signature.sign());
      } catch (GeneralSecurityException e) {
        throw new JOSEException(e.getMessage(), e);
      }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
      return Set.of(JWSAlgorithm.EdDSA);
    }

    @Override
    public JCAContext getJCAContext() {
      return jca;
    }
  }
}
