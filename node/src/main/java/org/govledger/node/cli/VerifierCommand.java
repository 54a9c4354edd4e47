package org.govledger.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.govledger.client.ClientException;
import org.govledger.client.GovLedgerClient;
import org.govledger.client.KeyFile;
import org.govledger.credentials.HolderProof;
import org.govledger.credentials.openid4vp.DcqlQuery;
import org.govledger.credentials.openid4vp.PresentationRequest;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.tx.KeyId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "verifier", mixinStandardHelpOptions = true,
    description = {"A registered verifier (a bank, an employer) asking holders for certificates by QR code.",
        "Examples: govledger verifier --key data/keys/verifiers/sz-bank.json --verifier sz-bank request"
            + " --type resident-identity-card --claims name,birthDate --purpose account-opening --qr-out qr.png",
        "          govledger verifier ... result <request id> --token <result token>",
        "          govledger verifier ... fetch <consent id>     (under a standing consent)",
        "          govledger verifier ... redeem <share url> --purpose account-opening   (a holder's one-time QR)"})
final class VerifierCommand implements Callable<Integer> {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Option(names = "--node", description = "node URL (default: ${DEFAULT-VALUE})")
  URI node = URI.create("http://127.0.0.1:8080");

  @Option(names = "--key", required = true, description = "the verifier's key file")
  Path key;

  @Option(names = "--verifier", required = true, description = "the verifier's registered id (its client_id)")
  String verifier;

  @Option(names = "--type", description = "request: the certificate type asked for")
  String type;

  @Option(names = "--claims", split = ",", description = "request: the claims asked for, comma-separated")
  List<String> claims = List.of();

  @Option(names = "--purpose", description = "request, redeem: a purpose code the verifier is registered for")
  String purpose;

  @Option(names = "--ttl", description = "request: seconds the request stays open, at most 600 (default: ${DEFAULT-VALUE})")
  long ttl = 300;

  @Option(names = "--qr-out", description = "request: write the QR code (PNG) to this file")
  Path qrOut;

  @Option(names = "--token", description = "result: the result token the request gave")
  String token;

  @Parameters(index = "0", paramLabel = "ACTION", description = "request, result, fetch or redeem")
  String action;

  @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "result: request id; fetch: consent id; redeem: share URL")
  String id;

  @Override
  public Integer call() throws Exception {
    SigningKey k = KeyFile.read(key);
    GovLedgerClient client = new GovLedgerClient(node);
    try {
      JsonNode out = switch (action) {
        case "request" -> request(client, k);
        case "result" -> client.call("GET", "/api/v1/presentation-requests/" + need("request id") + "/result",
            Optional.empty(), Map.of("Authorization", "Bearer " + needToken()));
        case "fetch" -> {
          String path = "/api/v1/consents/" + need("consent id") + "/fetch";
          ObjectNode body = MAPPER.createObjectNode();
          body.put("verifier", verifier);
          yield client.call("POST", path, Optional.of(body), proof(k, "POST", path));
        }
        case "redeem" -> {
          String path = URI.create(need("share URL")).getPath() + "/redeem";
          ObjectNode body = MAPPER.createObjectNode();
          body.put("verifier", verifier);
          body.put("purpose", needPurpose());
          yield client.call("POST", path, Optional.of(body), proof(k, "POST", path));
        }
        default -> throw new IllegalArgumentException("ACTION is request, result, fetch or redeem, not " + action);
      };
      System.out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out));
      return 0;
    } catch (ClientException e) {
      System.err.println("refused: " + e.type() + ": " + e.getMessage());
      return 1;
    }
  }

  private JsonNode request(GovLedgerClient client, SigningKey k) throws Exception {
    if (type == null || claims.isEmpty()) {
      throw new IllegalArgumentException("request needs --type and --claims");
    }
    JsonNode t = client.get("/api/v1/certificate-types/" + type);
    SecureRandom random = new SecureRandom();
    long now = Instant.now().getEpochSecond();
    PresentationRequest r = new PresentationRequest(verifier, node.resolve("/api/v1/presentations").toString(),
        PresentationRequest.randomValue(random), PresentationRequest.randomValue(random),
        DcqlQuery.single("q1", java.util.Set.of(t.path("vct").asText()), new TreeSet<>(claims)), now, now + ttl,
        needPurpose());
    ObjectNode body = MAPPER.createObjectNode();
    body.put("request", r.sign(k, KeyId.of(k.suite(), k.publicKey()).value()));
    JsonNode created = client.post("/api/v1/presentation-requests", body);
    if (qrOut != null) {
      byte[] png = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(created.path("qrPng").asText()))
          .build(), HttpResponse.BodyHandlers.ofByteArray()).body();
      Files.write(qrOut, png);
      System.err.println("QR code written to " + qrOut + "; the holder scans it (govledger wallet ... respond --qr "
          + qrOut + ")");
    }
    return created;
  }

  private Map<String, String> proof(SigningKey k, String method, String path) {
    return Map.of("Authorization", HolderProof.authorization(k, verifier, method, path));
  }

  private String need(String what) {
    if (id == null) {
      throw new IllegalArgumentException(action + " needs the " + what);
    }
    return id;
  }

  private String needToken() {
    if (token == null) {
      throw new IllegalArgumentException("result needs --token (the resultToken the request gave)");
    }
    return token;
  }

  private String needPurpose() {
    if (purpose == null) {
      throw new IllegalArgumentException(action + " needs --purpose, a purpose code the verifier is registered for");
    }
    return purpose;
  }
}
