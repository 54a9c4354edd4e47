package org.govledger.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.govledger.client.ClientException;
import org.govledger.client.GovLedgerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "verify-credential", mixinStandardHelpOptions = true,
    description = {"Verifies an e-certificate (an SD-JWT VC or a presentation of one) with a node:"
        + " issuer signature, issuer authorised, anchored with inclusion proof, status now,"
        + " validity period, holder binding. Prints every check; exit 0 if valid, 1 if not.",
        "Example: govledger verify-credential cert.sdjwt",
        "         govledger verify-credential --audience urn:example:bank --nonce n-123 presentation.txt"})
final class VerifyCredentialCommand implements Callable<Integer> {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Option(names = "--node", description = "node URL (default: ${DEFAULT-VALUE})")
  URI node = URI.create("http://127.0.0.1:8080");

  @Option(names = "--audience", description = "require a key binding JWT for this audience")
  String audience;

  @Option(names = "--nonce", description = "require a key binding JWT with this nonce")
  String nonce;

  @Option(names = "--json", description = "print the node's whole answer as JSON")
  boolean json;

  @Parameters(paramLabel = "FILE", description = "the credential or presentation, as the compact SD-JWT text")
  Path file;

  @Override
  public Integer call() throws Exception {
    if ((audience == null) != (nonce == null)) {
      throw new IllegalArgumentException("give both --audience and --nonce, or neither");
    }
    ObjectNode body = MAPPER.createObjectNode();
    body.put("presentation", Files.readString(file).strip());
    if (audience != null) {
      body.put("audience", audience);
      body.put("nonce", nonce);
    }
    JsonNode v;
    try {
      v = new GovLedgerClient(node).post("/api/v1/certificates/verify", body);
    } catch (ClientException e) {
      System.err.println("refused: " + e.type() + ": " + e.getMessage());
      return 2;
    }
    if (json) {
      System.out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(v));
    } else {
      System.out.println((v.path("valid").asBoolean() ? "VALID" : "NOT VALID")
          + (v.has("type") ? ": " + v.path("type").asText() + " issued by " + v.path("agency").asText() : ""));
      for (JsonNode c : v.path("checks")) {
        System.out.printf("  %-8s %-18s %s%n", c.path("outcome").asText(), c.path("name").asText(),
            c.path("detail").asText());
      }
      if (v.has("disclosed")) {
        System.out.println("  disclosed claims: " + v.path("disclosed").size());
      }
    }
    return v.path("valid").asBoolean() ? 0 : 1;
  }
}
