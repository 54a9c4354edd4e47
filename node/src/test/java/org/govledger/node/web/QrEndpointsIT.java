package org.govledger.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.govledger.credentials.openid4vp.QrCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The QR endpoints the web pages use: drawing given text, reading an uploaded picture. */
class QrEndpointsIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  static NodeUnderTest node;
  @RegisterExtension static BeforeAllCallback start = context -> node = NodeUnderTest.shared(context);

  private static HttpResponse<String> get(String pathAndQuery) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(node.base() + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> decode(byte[] picture) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(node.base() + "/api/v1/qr/decode"))
        .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(picture)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String problemType(HttpResponse<String> r) throws Exception {
    return MAPPER.readTree(r.body()).path("type").asText();
  }

  @Test
  void draw_givesAnSvgOfTheText() throws Exception {
    HttpResponse<String> r = get("/api/v1/qr.svg?text=" + URLEncoder.encode("{\"kty\":\"EC\"}", StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/svg+xml"));
    assertThat(r.body()).isEqualTo(QrCodes.svg("{\"kty\":\"EC\"}"));
  }

  @Test
  void draw_withoutTextOrWithTooMuch_isRefusedByName() throws Exception {
    HttpResponse<String> none = get("/api/v1/qr.svg");
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(problemType(none)).isEqualTo("urn:govledger:problem:missing-text");
    HttpResponse<String> long1 = get("/api/v1/qr.svg?text=" + "a".repeat(1025));
    assertThat(long1.statusCode()).isEqualTo(400);
    assertThat(problemType(long1)).isEqualTo("urn:govledger:problem:too-large");
  }

  @Test
  void decode_readsTheTextOfAPicture() throws Exception {
    String uri = "openid4vp://?client_id=sz-bank&request_uri=http%3A%2F%2F127.0.0.1%2Fr";
    HttpResponse<String> r = decode(QrCodes.png(uri, 4));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = MAPPER.readTree(r.body());
    assertThat(body.path("text").asText()).isEqualTo(uri);
  }

  @Test
  void decode_ofNoPictureOrNoCodeOrTooBig_saysWhy() throws Exception {
    HttpResponse<String> text = decode("not a picture".getBytes(StandardCharsets.US_ASCII));
    assertThat(text.statusCode()).isEqualTo(422);
    assertThat(problemType(text)).isEqualTo("urn:govledger:problem:no-qr-code");
    assertThat(MAPPER.readTree(text.body()).path("detail").asText()).contains("not an image");
    HttpResponse<String> empty = decode(new byte[0]);
    assertThat(empty.statusCode()).isEqualTo(400);
    HttpResponse<String> big = decode(new byte[QrCodes.MAX_IMAGE_BYTES + 1]);
    assertThat(big.statusCode()).isEqualTo(413);
  }
}
