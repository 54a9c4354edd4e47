package org.govledger.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.govledger.client.ClientException;
import org.govledger.client.GovLedgerClient;
import org.govledger.client.KeyFile;
import org.govledger.client.Receipt;
import org.govledger.client.ReceiptVerifier;
import org.govledger.client.StateVerifier;
import org.govledger.client.TrustAnchor;
import org.govledger.client.TxSigner;
import org.govledger.consensus.BlockCut;
import org.govledger.ledger.VerificationException;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.merkle.ConsistencyProof;
import org.govledger.ledger.tx.Transaction;
import org.govledger.node.config.NodeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API of a real node: RocksDB in a temp dir, a real server on a free port. */
class NodeApiIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  @TempDir static Path dir;
  static Node node;
  static GovLedgerClient client;
  static TxSigner signer;
  static TrustAnchor trust;
  static URI base;

  @BeforeAll
  static void start() throws Exception {
    node = Node.start(NodeConfig.defaults().withDataDir(dir).withPort(0));
    base = URI.create("http://127.0.0.1:" + node.port());
    client = new GovLedgerClient(base);
    signer = new TxSigner("demo", KeyFile.read(dir.resolve("keys/client.json")));
    trust = TrustAnchor.fromInfo(client.info());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static ObjectNode anchorBody() {
    byte[] d = new byte[32];
    new SecureRandom().nextBytes(d);
    ObjectNode body = MAPPER.createObjectNode();
    body.put("digest", HexFormat.of().formatHex(d));
    return body;
  }

  @Test
  void demoData_isThereOnFirstStart() throws Exception {
    assertThat(client.get("/api/v1/health").path("logSize").asLong()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void submitAndWait_returnsCommitted_andItsReceiptVerifiesOffline() throws Exception {
    Transaction tx = signer.sign("anchor/put", anchorBody());
    JsonNode r = client.submit(tx, true);
    assertThat(r.path("status").asText()).isEqualTo("committed");
    assertThat(r.path("id").asText()).isEqualTo(tx.id().toString());

    Receipt receipt = client.receipt(tx.id().toString());
    var cp = new ReceiptVerifier(trust).verify(receipt);
    assertThat(cp.size()).isEqualTo(receipt.treeSize());
    assertThat(receipt.height()).isEqualTo(r.path("height").asLong());

    // The same transaction proven against the latest checkpoint.
    client.submit(signer.sign("anchor/put", anchorBody()), true);
    Receipt latest = client.receiptAgainstLatest(tx.id().toString());
    assertThat(latest.treeSize()).isGreaterThan(receipt.treeSize());
    new ReceiptVerifier(trust).verify(latest);
  }

  @Test
  void receipt_tamperedOrUntrusted_failsVerification() throws Exception {
    Transaction tx = signer.sign("anchor/put", anchorBody());
    client.submit(tx, true);
    Receipt good = client.receipt(tx.id().toString());

    ObjectNode json = good.toJson();
    ((ObjectNode) json.get("tx").get("body")).put("digest", "00".repeat(32));
    assertThatThrownBy(() -> new ReceiptVerifier(trust).verify(Receipt.fromJson(json)))
        .isInstanceOf(VerificationException.class).hasMessageContaining("id mismatch");

    ObjectNode moved = good.toJson();
    moved.put("logIndex", good.logIndex() == 0 ? 1 : good.logIndex() - 1);
    assertThatThrownBy(() -> new ReceiptVerifier(trust).verify(Receipt.fromJson(moved)))
        .isInstanceOf(VerificationException.class);

    var stranger = CryptoSuite.ED25519_SHA256.generate(new SecureRandom());
    TrustAnchor wrongKey = new TrustAnchor("demo", CryptoSuite.ED25519_SHA256, stranger.publicKey());
    assertThatThrownBy(() -> new ReceiptVerifier(wrongKey).verify(good))
        .isInstanceOf(VerificationException.class);
  }

  @Test
  void state_valueAndAbsence_areProvenAgainstTheSignedHeader() throws Exception {
    ObjectNode body = anchorBody();
    client.submit(signer.sign("anchor/put", body), true);
    String key = "anchor/" + body.path("digest").asText();

    var present = new StateVerifier(trust).verify(client.state(key, Optional.empty()));
    assertThat(new String(present.value().orElseThrow(), StandardCharsets.UTF_8))
        .contains("\"by\":\"" + signer.keyId().value() + "\"");

    var absent = new StateVerifier(trust).verify(client.state("anchor/" + "0".repeat(64), Optional.empty()));
    assertThat(absent.value()).isEmpty();

    ObjectNode forged = (ObjectNode) client.state(key, Optional.empty());
    ((ObjectNode) forged.get("proof")).put("value", "e30");  // "{}"
    assertThatThrownBy(() -> new StateVerifier(trust).verify(forged))
        .isInstanceOf(VerificationException.class);
  }

  @Test
  void consistencyProof_betweenTwoCheckpoints_verifies() throws Exception {
    long size1 = client.get("/api/v1/checkpoint").path("treeSize").asLong();
    byte[] root1 = HexFormat.of().parseHex(client.get("/api/v1/checkpoint").path("rootHash").asText());
    client.submit(signer.sign("anchor/put", anchorBody()), true);
    JsonNode p = client.get("/api/v1/log/consistency?from=" + size1);
    long size2 = p.path("to").asLong();
    List<byte[]> path = new java.util.ArrayList<>();
    p.path("path").forEach(h -> path.add(HexFormat.of().parseHex(h.asText())));
    new ConsistencyProof(size1, size2, path).verify(CryptoSuite.ED25519_SHA256.hash(), root1,
        HexFormat.of().parseHex(p.path("toRoot").asText()));
  }

  @Test
  void batch_reportsEachTransactionsOutcomeInOrder() throws Exception {
    Transaction a = signer.sign("anchor/put", anchorBody());
    Transaction b = signer.sign("anchor/put", anchorBody());
    byte[] sig = b.signature();
    sig[3] ^= 1;
    Transaction forged = Transaction.withSignature(b.unsigned(), sig, CryptoSuite.ED25519_SHA256.hash());
    String body = "[" + new String(a.encoded(), StandardCharsets.UTF_8) + ","
        + new String(forged.encoded(), StandardCharsets.UTF_8) + ",{\"ledger\":7},"
        + new String(a.encoded(), StandardCharsets.UTF_8) + "]";
    HttpResponse<String> resp = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(base.resolve("/api/v1/transactions/batch?wait=true"))
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(resp.statusCode()).isEqualTo(200);
    JsonNode results = MAPPER.readTree(resp.body()).path("results");
    assertThat(results).hasSize(4);
    assertThat(results.get(0).path("status").asText()).isEqualTo("committed");
    assertThat(results.get(0).path("id").asText()).isEqualTo(a.id().toString());
    assertThat(results.get(1).path("type").asText()).isEqualTo("urn:govledger:problem:bad-signature");
    assertThat(results.get(2).path("type").asText()).isEqualTo("urn:govledger:problem:malformed");
    // the copy of the first: refused as a replay at admission, or, if the first's block committed
    // between the copy's admission check and its entry into the mempool, found committed in its
    // place when its own block refuses it; either way it is not committed twice
    JsonNode copy = results.get(3);
    if (copy.path("status").asText().equals("committed")) {
      assertThat(copy.path("id").asText()).isEqualTo(a.id().toString());
      assertThat(copy.path("logIndex")).isEqualTo(results.get(0).path("logIndex"));
    } else {
      assertThat(copy.path("type").asText()).isEqualTo("urn:govledger:problem:duplicate");
    }
    assertThat(client.status(a.id().toString()).path("status").asText()).isEqualTo("committed");
  }

  @Test
  void batch_checkedTogether_refusesOnlyTheForgedOne() throws Exception {
    List<Transaction> txs = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      txs.add(signer.sign("anchor/put", anchorBody()));
    }
    byte[] sig = txs.get(7).signature();
    sig[40] ^= 0x10; // in S: still below L, but no longer the signature
    txs.set(7, Transaction.withSignature(txs.get(7).unsigned(), sig, CryptoSuite.ED25519_SHA256.hash()));
    String body = txs.stream().map(t -> new String(t.encoded(), StandardCharsets.UTF_8))
        .collect(java.util.stream.Collectors.joining(",", "[", "]"));
    HttpResponse<String> resp = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(base.resolve("/api/v1/transactions/batch?wait=true"))
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode results = MAPPER.readTree(resp.body()).path("results");
    for (int i = 0; i < 12; i++) {
      if (i == 7) {
        assertThat(results.get(i).path("type").asText()).isEqualTo("urn:govledger:problem:bad-signature");
        String forged = txs.get(i).id().toString();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.status(forged))
            .hasMessageContaining("no transaction " + forged);
      } else {
        assertThat(results.get(i).path("status").asText()).as("transaction %d", i).isEqualTo("committed");
      }
    }
  }

  @Test
  void batch_thatIsNotAnArrayOrIsEmpty_isRefused() throws Exception {
    for (String body : new String[] {"{}", "[]", "[1"}) {
      HttpResponse<String> resp = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(base.resolve("/api/v1/transactions/batch"))
              .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(resp.statusCode()).as(body).isIn(400, 413);
      assertThat(MAPPER.readTree(resp.body()).path("type").asText())
          .startsWith("urn:govledger:problem:");
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(value = CryptoSuite.class, names = {"P256_SHA256", "SM2_SM3"})
  void ledgerWithAnotherSuite_commitsAndItsReceiptsVerify(CryptoSuite suite, @TempDir Path other)
      throws Exception {
    try (Node n = Node.start(NodeConfig.defaults().withDataDir(other).withPort(0).withDemoSuite(suite))) {
      GovLedgerClient c = new GovLedgerClient(URI.create("http://127.0.0.1:" + n.port()));
      assertThat(c.info().path("suite").asText()).isEqualTo(suite.id());
      TxSigner s = new TxSigner("demo", KeyFile.read(other.resolve("keys/client.json")));
      Transaction tx = s.sign("anchor/put", anchorBody());
      assertThat(c.submit(tx, true).path("status").asText()).isEqualTo("committed");
      new ReceiptVerifier(TrustAnchor.fromInfo(c.info())).verify(c.receipt(tx.id().toString()));
      assertThat(tx.id().bytes()).isEqualTo(suite.hash().digest(tx.signingBytes()));
    }
  }

  @Test
  void replay_isRefusedWith409() throws Exception {
    Transaction tx = signer.sign("anchor/put", anchorBody());
    client.submit(tx, true);
    assertProblem(() -> client.submit(tx, true), 409, "duplicate");
  }

  @Test
  void badSignature_isRefusedWith400() throws Exception {
    Transaction tx = signer.sign("anchor/put", anchorBody());
    byte[] sig = tx.signature();
    sig[10] ^= 4;
    Transaction forged = Transaction.withSignature(tx.unsigned(), sig, CryptoSuite.ED25519_SHA256.hash());
    assertProblem(() -> client.submit(forged, true), 400, "bad-signature");
    assertProblem(() -> client.status(tx.id().toString()), 404, "not-found");
  }

  @Test
  void unknownSigner_isRefusedWith403() throws Exception {
    TxSigner stranger = new TxSigner("demo", CryptoSuite.ED25519_SHA256.generate(new SecureRandom()));
    assertProblem(() -> client.submit(stranger.sign("anchor/put", anchorBody()), true), 403,
        "unknown-signer");
  }

  @Test
  void contractRefusal_isRefusedWith422_andStatusSaysWhy() throws Exception {
    ObjectNode body = anchorBody();
    client.submit(signer.sign("anchor/put", body), true);
    Transaction again = signer.sign("anchor/put", body);
    assertProblem(() -> client.submit(again, true), 422, "anchor.exists");
    JsonNode status = client.status(again.id().toString());
    assertThat(status.path("status").asText()).isEqualTo("refused");
    assertThat(status.path("code").asText()).isEqualTo("anchor.exists");
  }

  @Test
  void malformedJson_wrongTypes_andOversize_getProblemJson() throws Exception {
    assertProblem(() -> client.submitRaw("{not json".getBytes(StandardCharsets.UTF_8), false,
        Optional.empty()), 400, "malformed");
    assertProblem(() -> client.submitRaw("{\"ledger\":5}".getBytes(StandardCharsets.UTF_8), false,
        Optional.empty()), 400, "malformed");
    byte[] huge = new byte[200_000];
    java.util.Arrays.fill(huge, (byte) 'x');
    assertProblem(() -> client.submitRaw(huge, false, Optional.empty()), 413, "too-large");

    HttpResponse<String> raw = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(base.resolve("/api/v1/transactions"))
            .POST(HttpRequest.BodyPublishers.ofString("[]")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(raw.statusCode()).isEqualTo(400);
    assertThat(raw.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("application/problem+json"));
    JsonNode problem = MAPPER.readTree(raw.body());
    assertThat(problem.path("type").asText()).isEqualTo("urn:govledger:problem:malformed");
    assertThat(problem.path("detail").asText()).contains("got array");
  }

  @Test
  void unknownIdsAndBadParameters_getClearErrors() {
    assertProblem(() -> client.status("ab"), 400, "bad-tx-id");
    assertProblem(() -> client.receipt("00".repeat(32)), 404, "not-found");
    assertProblem(() -> client.get("/api/v1/blocks/99999999"), 404, "not-found");
    assertProblem(() -> client.get("/api/v1/blocks/abc"), 400, "bad-parameter");
    assertProblem(() -> client.get("/api/v1/log/consistency?from=5&to=2"), 400, "bad-parameter");
    assertProblem(() -> client.get("/api/v1/state"), 400, "bad-parameter");
    assertProblem(() -> client.get("/api/v1/nothing-here"), 404, "not-found");
  }

  @Test
  void metricsOpenApiAndStatusPage_areServed() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String metrics = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics).contains("govledger_block_height").contains("govledger_tx_committed_total")
        .containsPattern("jvm_compilation_time_ms_total\\{[^}]*\\} [0-9.E]+").contains("jvm_memory_used_bytes");
    assertThat(client.get("/api/v1/openapi.json").path("openapi").asText()).startsWith("3.");
    String page = http.send(HttpRequest.newBuilder(base.resolve("/")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    // The web UI's shell (the status page's information now lives in its explorer).
    assertThat(page).contains("<title>govledger</title>").contains("src=\"/js/app.js\"");
  }

  @Test
  void fullMempool_answers503WithRetryAfter(@TempDir Path other) throws Exception {
    NodeConfig config = new NodeConfig(other, "127.0.0.1", 0, new BlockCut(1000, 5_000), 2,
        64 * 1024, true, true, org.govledger.ledger.engine.EngineOptions.DEFAULT,
        CryptoSuite.ED25519_SHA256, java.util.Optional.empty());
    // the demo ledger and its data made first with the default cut, not one block per 5 s
    Node.start(NodeConfig.defaults().withDataDir(other).withPort(0)).close();
    try (Node busy = Node.start(config)) {
      GovLedgerClient c = new GovLedgerClient(URI.create("http://127.0.0.1:" + busy.port()));
      TxSigner s = new TxSigner("demo", KeyFile.read(other.resolve("keys/client.json")));
      c.submit(s.sign("anchor/put", anchorBody()), false);
      c.submit(s.sign("anchor/put", anchorBody()), false);
      HttpResponse<String> third = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + busy.port() + "/api/v1/transactions"))
              .POST(HttpRequest.BodyPublishers.ofByteArray(s.sign("anchor/put", anchorBody()).encoded()))
              .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(third.statusCode()).isEqualTo(503);
      assertThat(third.headers().firstValue("Retry-After")).contains("1");
      assertThat(third.body()).contains("mempool-full");
    }
  }

  private static void assertProblem(ThrowingCall call, int status, String type) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(ClientException.class, e -> {
      assertThat(e.status()).as(e.getMessage()).isEqualTo(status);
      assertThat(e.type()).isEqualTo(type);
    });
  }

  @FunctionalInterface
  interface ThrowingCall {
    void run() throws Exception;
  }
}
