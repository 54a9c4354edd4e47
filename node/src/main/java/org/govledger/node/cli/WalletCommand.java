package org.govledger.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.govledger.client.ClientException;
import org.govledger.client.GovLedgerClient;
import org.govledger.client.KeyFile;
import org.govledger.credentials.HolderProof;
import org.govledger.credentials.SdJwt;
import org.govledger.ledger.crypto.SigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "wallet", mixinStandardHelpOptions = true,
    description = {"A holder's wallet on a node: every request is signed with the holder's wallet key.",
        "Examples: govledger wallet --key data/keys/holders/zhang-wei.json --subject <id> list",
        "          govledger wallet ... open <record> --out id.sdjwt",
        "          govledger wallet ... present <record> --claims name,birthDate --audience urn:example:bank --nonce n-1",
        "          govledger wallet ... erase <record>"})
final class WalletCommand implements Callable<Integer> {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Option(names = "--node", description = "node URL (default: ${DEFAULT-VALUE})")
  URI node = URI.create("http://127.0.0.1:8080");

  @Option(names = "--key", required = true, description = "the holder's wallet key file")
  Path key;

  @Option(names = "--subject", required = true, description = "the holder's subject id")
  String subject;

  @Option(names = "--claims", split = ",", description = "present: the claims to disclose, comma-separated")
  List<String> claims = List.of();

  @Option(names = "--audience", description = "present: who the presentation is for")
  String audience;

  @Option(names = "--nonce", description = "present: the verifier's nonce")
  String nonce;

  @Option(names = "--out", description = "open/present: write the result to this file")
  Path out;

  @Parameters(index = "0", paramLabel = "ACTION", description = "list, open, present or erase")
  String action;

  @Parameters(index = "1", arity = "0..1", paramLabel = "RECORD", description = "the record id (open, present, erase)")
  String record;

  @Override
  public Integer call() throws Exception {
    SigningKey holder = KeyFile.read(key);
    GovLedgerClient client = new GovLedgerClient(node);
    String base = "/api/v1/wallets/" + subject + "/documents";
    try {
      switch (action) {
        case "list" -> {
          JsonNode docs = client.call("GET", base, Optional.empty(), auth(holder, "GET", base)).path("documents");
          for (JsonNode d : docs) {
            System.out.printf("%s  %-32s %-9s %s (%s)%n", d.path("recordId").asText(), d.path("type").asText(),
                d.path("status").asText(), d.path("names").path("zh").asText(), d.path("agency").asText());
          }
          System.out.println(docs.size() + " documents");
        }
        case "open", "present" -> {
          String path = base + "/" + needRecord();
          JsonNode d = client.call("GET", path, Optional.empty(), auth(holder, "GET", path));
          String text = d.path("credential").asText();
          if (action.equals("present")) {
            if (audience == null || nonce == null) {
              throw new IllegalArgumentException("present needs --audience and --nonce (from the verifier)");
            }
            text = SdJwt.parse(text).present(new TreeSet<>(claims), holder, audience, nonce,
                Instant.now().getEpochSecond());
          }
          if (out != null) {
            Files.writeString(out, text);
            System.err.println("written to " + out);
          } else {
            System.out.println(text);
          }
          if (action.equals("open")) {
            System.err.println("claims you can disclose: " + SdJwt.parse(text).claimNames());
          }
        }
        case "erase" -> {
          String path = base + "/" + needRecord();
          client.call("DELETE", path, Optional.empty(), auth(holder, "DELETE", path));
          System.out.println("erased " + record + ": its key is destroyed");
        }
        default -> throw new IllegalArgumentException("ACTION is list, open, present or erase, not " + action);
      }
      return 0;
    } catch (ClientException e) {
      System.err.println("refused: " + e.type() + ": " + e.getMessage());
      return 1;
    }
  }

  private String needRecord() {
    if (record == null) {
      throw new IllegalArgumentException(action + " needs the RECORD id (wallet list shows them)");
    }
    return record;
  }

  private Map<String, String> auth(SigningKey holder, String method, String path) {
    byte[] jti = new byte[16];
    new SecureRandom().nextBytes(jti);
    return Map.of("Authorization", HolderProof.SCHEME + " " + HolderProof.sign(holder, subject, method, path,
        Instant.now().getEpochSecond(), Base64.getUrlEncoder().withoutPadding().encodeToString(jti)));
  }
}
