package org.govledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.govledger.ledger.tx.Transaction;

/**
 * The Java SDK's connection to a node's HTTP API. Thread-safe; share one per node.
 *
 * <pre>{@code
 * GovLedgerClient node = new GovLedgerClient(URI.create("http://localhost:8080"));
 * TxSigner me = new TxSigner("demo", KeyFile.read(Path.of("data/keys/client.json")));
 * JsonNode committed = node.submit(me.sign("anchor/put", body), true);
 * Receipt receipt = node.receipt(committed.path("id").asText());
 * new ReceiptVerifier(TrustAnchor.fromInfo(node.info())).verify(receipt);
 * }</pre>
 */
public final class GovLedgerClient {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String PROBLEM_PREFIX = "urn:govledger:problem:";

  private final URI base;
  private final HttpClient http;

  public GovLedgerClient(URI base) {
    this.base = base;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** The ledger id, suite, node key and head height. */
  public JsonNode info() throws ClientException {
    return get("/api/v1/info");
  }

  /**
   * Submits a signed transaction. With {@code waitForCommit}, returns once it is committed
   * ({@code status: committed}, with {@code height} and {@code logIndex}); otherwise once it is
   * queued ({@code status: pending}).
   */
  public JsonNode submit(Transaction tx, boolean waitForCommit) throws ClientException {
    return submitRaw(tx.encoded(), waitForCommit, Optional.of(tx.id().toString()));
  }

  /** Submits raw bytes as a transaction (for tools and for testing the node's checks). */
  public JsonNode submitRaw(byte[] body, boolean waitForCommit, Optional<String> txId)
      throws ClientException {
    HttpRequest req = HttpRequest.newBuilder(uri("/api/v1/transactions?wait=" + waitForCommit))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return send(req, txId);
  }

  /** The transaction's status: committed, pending or refused; 404 if the node never saw it. */
  public JsonNode status(String txId) throws ClientException {
    return get("/api/v1/transactions/" + txId);
  }

  /** The receipt of a committed transaction, against the checkpoint of its own block. */
  public Receipt receipt(String txId) throws ClientException {
    return receiptFrom(get("/api/v1/transactions/" + txId + "/receipt"), txId);
  }

  /** The receipt against the node's latest checkpoint, which covers more of the log. */
  public Receipt receiptAgainstLatest(String txId) throws ClientException {
    return receiptFrom(get("/api/v1/transactions/" + txId + "/receipt?checkpoint=latest"), txId);
  }

  private static Receipt receiptFrom(JsonNode json, String txId) throws ClientException {
    try {
      return Receipt.fromJson(json);
    } catch (IllegalArgumentException e) {
      throw new ClientException(200, "bad-receipt", e.getMessage(), Optional.of(txId));
    }
  }

  /** A world-state value with its proof, at the latest height or the given one. */
  public JsonNode state(String key, Optional<Long> height) throws ClientException {
    String q = "/api/v1/state?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8)
        + height.map(h -> "&height=" + h).orElse("");
    return get(q);
  }

  /** Any GET under the node's base URI, as JSON. */
  public JsonNode get(String pathAndQuery) throws ClientException {
    return send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30)).GET()
        .build(), Optional.empty());
  }

  /** POSTs a JSON body to a path of the API; the answer's JSON. */
  public JsonNode post(String path, JsonNode body) throws ClientException {
    return call("POST", path, Optional.of(body), java.util.Map.of());
  }

  /**
   * Any request, with extra headers (for example a wallet's {@code Authorization: Holder ...}).
   * A 204 answer gives a missing node.
   */
  public JsonNode call(String method, String path, Optional<JsonNode> body,
      java.util.Map<String, String> headers) throws ClientException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    headers.forEach(b::header);
    if (body.isPresent()) {
      try {
        b.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body.get())));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalArgumentException("body does not serialize", e);
      }
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return send(b.build(), Optional.empty());
  }

  private URI uri(String pathAndQuery) {
    return base.resolve(pathAndQuery);
  }

  private JsonNode send(HttpRequest req, Optional<String> txId) throws ClientException {
    HttpResponse<byte[]> resp;
    try {
      resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    } catch (java.net.ConnectException e) {
      throw new ClientException(0, "unreachable",
          "cannot reach the node at " + base + ": connection refused (is it running?)", txId);
    } catch (IOException e) {
      throw new ClientException(0, "unreachable", "cannot reach the node at " + base + ": "
          + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), txId);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException(0, "interrupted", "interrupted", txId);
    }
    if (resp.statusCode() == 204) {
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
    JsonNode json;
    try {
      json = MAPPER.readTree(resp.body());
    } catch (IOException e) {
      throw new ClientException(resp.statusCode(), "bad-response",
          "the node's answer is not JSON", txId);
    }
    if (resp.statusCode() >= 400) {
      String type = json.path("type").asText("unknown");
      if (type.startsWith(PROBLEM_PREFIX)) {
        type = type.substring(PROBLEM_PREFIX.length());
      }
      throw new ClientException(resp.statusCode(), type,
          json.path("detail").asText(json.path("title").asText("error")), txId);
    }
    return json;
  }
}
