package org.govledger.credentials.openid4vp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.govledger.credentials.openid4vp.Fixtures.CLIENT_ID;
import static org.govledger.credentials.openid4vp.Fixtures.KID;
import static org.govledger.credentials.openid4vp.Fixtures.NOW;

import java.net.URI;
import java.util.Optional;
import org.govledger.credentials.CredentialException;
import org.govledger.ledger.crypto.CryptoSuite;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestUriTest {
  private static final URI LOCATION =
      URI.create("https://bank.example.cn/openid4vp/request/6Jx2s9QwPz?lang=zh-CN");

  @Test
  void toUriString_isTheOpenid4vpSchemeWithEncodedParameters() {
    String text = RequestUri.of(CLIENT_ID, LOCATION).toUriString();

    assertThat(text).isEqualTo("openid4vp://?client_id=sz-bank-0001&request_uri=https%3A%2F%2F"
        + "bank.example.cn%2Fopenid4vp%2Frequest%2F6Jx2s9QwPz%3Flang%3Dzh-CN");
  }

  @Test
  void parse_roundTrips() throws Exception {
    RequestUri uri = new RequestUri(CLIENT_ID, LOCATION, Optional.of("post"));

    assertThat(RequestUri.parse(uri.toUriString())).isEqualTo(uri);
    assertThat(RequestUri.parse(RequestUri.of(CLIENT_ID, LOCATION).toUriString()))
        .isEqualTo(RequestUri.of(CLIENT_ID, LOCATION));
  }

  @Property(tries = 300)
  void toUriString_thenParse_givesTheSameRequestUri(
      @ForAll @CharRange(from = '!', to = '~') @StringLength(min = 1, max = 64) String clientId,
      @ForAll @AlphaChars @NumericChars @Chars({'-', '_', '~', '.'}) @StringLength(max = 40)
          String path,
      @ForAll @Chars({'a', 'z', '=', '&', '%', '+', ' ', '中'}) @StringLength(max = 10) String query)
      throws Exception {
    URI location = new URI("https", "verifier.example.cn", "/r/" + path, query.isEmpty()
        ? null : query, null);
    RequestUri uri = RequestUri.of(clientId, location);

    assertThat(RequestUri.parse(uri.toUriString())).isEqualTo(uri);
  }

  @Test
  void parse_specExampleParameters_areRead() throws Exception {
    // OpenID4VP 1.0 section 5.4, request by reference, on the openid4vp: endpoint of 13.1.2.
    RequestUri uri = RequestUri.parse("openid4vp://?client_id=x509_san_dns%3Aclient.example.org"
        + "&request_uri=https%3A%2F%2Fclient.example.org%2Frequest%2Fvapof4ql2i7m41m68uep"
        + "&request_uri_method=post");

    assertThat(uri.clientId()).isEqualTo("x509_san_dns:client.example.org");
    assertThat(uri.requestUri())
        .isEqualTo(URI.create("https://client.example.org/request/vapof4ql2i7m41m68uep"));
    assertThat(uri.requestUriMethod()).contains("post");
  }

  @Test
  void parse_httpsUrl_isNotOurs() {
    notOurs("https://bank.example.cn/openid4vp/request/6Jx2s9QwPz", "does not start with");
  }

  @Test
  void parse_withoutRequestUri_isNotOurs() {
    notOurs("openid4vp://?client_id=sz-bank-0001", "no request_uri");
  }

  @Test
  void parse_randomText_isNotOurs() {
    notOurs("请到三楼窗口办理", "does not start with");
    notOurs("", "does not start with");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "openid4vp://?client_id=a&request_uri=https%3A%2F%2Fx.example&extra=1|unexpected parameter",
      "openid4vp://?client_id=a&request=eyJhbGciOi|by value",
      "openid4vp://?client_id=a&client_id=b&request_uri=https%3A%2F%2Fx.example|more than once",
      "openid4vp://?request_uri=https%3A%2F%2Fx.example|no client_id",
      "openid4vp://?client_id=a&request_uri=javascript%3Aalert(1)|https (or http) URL",
      "openid4vp://?client_id=a&request_uri=%2Frelative|relative reference",
      "openid4vp://?client_id=a&request_uri=https%3A%2F%2Fx.example%23frag|fragment",
      "openid4vp://?client_id=a&request_uri=https%3A%2F%2Fx.example#x|fragment",
      "openid4vp://?client_id=a&request_uri=https%3A%2F%2Fx.example&request_uri_method=put|get",
      "openid4vp://host?client_id=a&request_uri=https%3A%2F%2Fx.example|but not",
      "openid4vp:?client_id=a&request_uri=https%3A%2F%2Fx.example|but not",
      "openid4vp://?client_id=a&request_uri=https%3A%2F%2Fx.example%ZZ|two hex digits",
      "openid4vp://?client_id=a&request_uri=https%3A%2F%2Fx.example%FF|not UTF-8",
      "openid4vp://?client_id=a b&request_uri=https%3A%2F%2Fx.example|percent-encoded",
      "openid4vp://?client_id&request_uri=https%3A%2F%2Fx.example|name=value",
      "openid4vp://?client_id=a&request_uri=https%3A%2F%2Fuser%40x.example|user information"})
  void parse_garbage_isNotOurs(String testCase) {
    String[] parts = testCase.split("\\|");
    notOurs(parts[0], parts[1]);
  }

  @Test
  void parse_tooLong_isNotOurs() {
    notOurs("openid4vp://?client_id=" + "a".repeat(RequestUri.MAX_LENGTH), "longer than");
  }

  @Test
  void parse_schemeInCapitals_isAccepted() throws Exception {
    RequestUri uri = RequestUri.parse("OpenID4VP://?client_id=a&request_uri=http%3A%2F%2F127.0.0.1"
        + "%3A8080%2Fr%2F1");

    assertThat(uri.requestUri()).isEqualTo(URI.create("http://127.0.0.1:8080/r/1"));
  }

  @Test
  void verifyRequestObject_checksTheSameClient() throws Exception {
    String jws = Fixtures.request().sign(Fixtures.verifierKey(CryptoSuite.SM2_SM3), KID);
    VerifierKeys keys = Fixtures.registry(CryptoSuite.SM2_SM3);

    assertThat(RequestUri.of(CLIENT_ID, LOCATION).verifyRequestObject(jws, keys, NOW))
        .isEqualTo(Fixtures.request());
    assertThatThrownBy(() -> RequestUri.of("sz-bank-0002", LOCATION)
        .verifyRequestObject(jws, keys, NOW))
        .isInstanceOfSatisfying(CredentialException.class,
            e -> assertThat(e.code()).isEqualTo(Openid4vpCodes.CLIENT_MISMATCH))
        .hasMessageContaining("\"sz-bank-0002\"");
    assertThatThrownBy(() -> RequestUri.of("x509_hash:abc", LOCATION)
        .verifyRequestObject(jws, keys, NOW))
        .isInstanceOfSatisfying(CredentialException.class, e -> assertThat(e.code())
            .isEqualTo(Openid4vpCodes.UNSUPPORTED_CLIENT_ID_PREFIX));
  }

  @Test
  void constructor_refusesBadValues() {
    assertThatThrownBy(() -> RequestUri.of(CLIENT_ID, URI.create("ftp://x.example/r")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("request_uri");
    assertThatThrownBy(() -> new RequestUri(CLIENT_ID, LOCATION, Optional.of("GET")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("request_uri_method");
  }

  private static void notOurs(String text, String message) {
    assertThatThrownBy(() -> RequestUri.parse(text))
        .isInstanceOfSatisfying(CredentialException.class,
            e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(Openid4vpCodes.NOT_OURS))
        .hasMessageContaining(message)
        .hasMessageContaining("not ours");
  }
}
