package org.govledger.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.govledger.client.ClientException;
import org.govledger.client.GovLedgerClient;
import org.govledger.client.KeyFile;
import org.govledger.client.TxSigner;
import org.govledger.ledger.tx.Transaction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "submit", mixinStandardHelpOptions = true,
    description = {"Signs a transaction with a key file and submits it to a node.",
        "Example: govledger submit --key data/keys/client.json --type anchor/put"
            + " --body '{\"digest\":\"<64 hex>\"}' --wait --receipt-out r.json"})
final class SubmitCommand implements Callable<Integer> {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Option(names = "--node", description = "node URL (default: ${DEFAULT-VALUE})")
  URI node = URI.create("http://127.0.0.1:8080");

  @Option(names = "--key", required = true, description = "key file to sign with")
  Path key;

  @Option(names = "--ledger", description = "ledger id (default: the node's)")
  String ledger;

  @Option(names = "--type", required = true, description = "contract/action, e.g. anchor/put")
  String type;

  @Option(names = "--body", required = true, description = "the body, a JSON object (or @file)")
  String body;

  @Option(names = "--nonce", description = "nonce (default: random)")
  String nonce;

  @Option(names = "--wait", description = "wait until the transaction is committed")
  boolean waitForCommit;

  @Option(names = "--receipt-out", description = "after commit, write the receipt to this file")
  Path receiptOut;

  @Override
  public Integer call() throws Exception {
    var signingKey = KeyFile.read(key);
    JsonNode bodyJson = readBody();
    GovLedgerClient client = new GovLedgerClient(node);
    String ledgerId = ledger != null ? ledger : client.info().path("ledger").asText();
    TxSigner signer = new TxSigner(ledgerId, signingKey);
    Transaction tx = nonce == null ? signer.sign(type, bodyJson) : signer.sign(type, bodyJson, nonce);
    try {
      JsonNode result = client.submit(tx, waitForCommit || receiptOut != null);
      System.out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result));
      if (receiptOut != null && "committed".equals(result.path("status").asText())) {
        Files.write(receiptOut, MAPPER.writerWithDefaultPrettyPrinter()
            .writeValueAsBytes(client.receipt(tx.id().toString()).toJson()));
        System.err.println("receipt written to " + receiptOut);
      }
      return 0;
    } catch (ClientException e) {
      System.err.println("refused: " + e.getMessage());
      return 1;
    }
  }

  private JsonNode readBody() throws IOException {
    String text = body.startsWith("@") ? Files.readString(Path.of(body.substring(1))) : body;
    JsonNode n;
    try {
      n = MAPPER.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException("--body is not JSON: " + e.getMessage());
    }
    return Optional.ofNullable(n).filter(JsonNode::isObject)
        .orElseThrow(() -> new IllegalArgumentException("--body must be a JSON object"));
  }
}
