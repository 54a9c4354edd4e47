package org.govledger.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
        "          govledger wallet ... erase <record>",
        "          govledger wallet ... respond <record> --qr qr.png --agree   (or --uri openid4vp://..., --decline, --standing-days 30)",
        "          govledger wallet ... share <record> --claims name --qr-out share.png   (a one-time QR for a verifier)",
        "          govledger wallet ... accesses <record>   (who saw it, when and why; refused attempts too)"})
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

  @Option(names = "--qr", description = "respond: a picture of the verifier's QR code (PNG)")
  Path qr;

  @Option(names = "--uri", description = "respond: the verifier's openid4vp:// URI, instead of --qr")
  String uri;

  @Option(names = "--agree", description = "respond: consent and send the asked-for claims")
  boolean agree;

  @Option(names = "--decline", description = "respond: refuse (recorded on the ledger too)")
  boolean decline;

  @Option(names = "--standing-days", description = "respond: let the verifier fetch the document again for this many days")
  int standingDays;

  @Option(names = "--ttl", description = "share: seconds the one-time QR stays valid (default: ${DEFAULT-VALUE})")
  int ttl = 120;

  @Option(names = "--qr-out", description = "share: write the one-time QR (PNG) to this file")
  Path qrOut;

  @Parameters(index = "0", paramLabel = "ACTION", description = "list, open, present, erase, respond, share or accesses")
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
        case "respond" -> {
          return respond(client, holder, base);
        }
        case "share" -> {
          String path = base + "/" + needRecord() + "/shares";
          com.fasterxml.jackson.databind.node.ObjectNode body = MAPPER.createObjectNode();
          claims.forEach(body.putArray("claims")::add);
          body.put("ttlSeconds", ttl);
          JsonNode share = client.call("POST", path, Optional.of(body), auth(holder, "POST", path));
          if (qrOut != null) {
            Files.write(qrOut, java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                URI.create(share.path("qrPng").asText())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body());
            System.err.println("one-time QR written to " + qrOut);
          }
          System.out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(share));
        }
        case "accesses" -> {
          String path = base + "/" + needRecord() + "/accesses";
          JsonNode a = client.call("GET", path, Optional.empty(), auth(holder, "GET", path));
          for (JsonNode x : a.path("accesses")) {
            System.out.printf("%s  %-8s %-12s %-20s %s%n", java.time.Instant.ofEpochMilli(x.path("time").asLong()),
                x.path("outcome").asText(), x.path("verifier").asText(), x.path("purpose").asText(),
                x.path("reason").asText(""));
          }
          System.out.println(a.path("accesses").size() + " accesses and refused attempts");
        }
        default -> throw new IllegalArgumentException(
            "ACTION is list, open, present, erase, respond, share or accesses, not " + action);
      }
      return 0;
    } catch (ClientException e) {
      System.err.println("refused: " + e.type() + ": " + e.getMessage());
      return 1;
    }
  }

  private int respond(GovLedgerClient client, SigningKey holder, String base) throws Exception {
    if (agree == decline) {
      throw new IllegalArgumentException("respond needs --agree or --decline");
    }
    if ((qr == null) == (uri == null)) {
      throw new IllegalArgumentException("respond needs the verifier's QR: --qr FILE.png or --uri openid4vp://...");
    }
    String link = uri != null ? uri : org.govledger.credentials.openid4vp.QrCodes.decode(Files.readAllBytes(qr));
    org.govledger.client.HolderWallet wallet = new org.govledger.client.HolderWallet(client, holder, subject);
    org.govledger.client.HolderWallet.Request r = wallet.open(link);
    System.out.println(r.verifierName() + " (" + r.request().clientId() + ") asks for " + r.claims()
        + " of " + r.vctValues() + "\n  why: " + r.purposeText() + "\n  until: "
        + Instant.ofEpochSecond(r.request().expiresAt()));
    String path = base + "/" + needRecord();
    JsonNode doc = client.call("GET", path, Optional.empty(), auth(holder, "GET", path));
    java.util.Set<String> types = java.util.Set.of(doc.path("type").asText());
    long valid = standingDays > 0 ? standingDays * 86_400L : Math.max(60, r.request().expiresAt() - Instant.now().getEpochSecond());
    JsonNode answer = wallet.answer(r, types, agree, standingDays > 0, valid);
    System.out.println((agree ? "consent" : "refusal") + " recorded: " + answer.path("consentId").asText());
    if (decline) {
      return 0;
    }
    String query = r.request().dcqlQuery().credentials().get(0).id();
    var sent = wallet.present(r, java.util.Map.of(query, doc.path("credential").asText()));
    System.out.println(sent.statusCode() == 200 ? "sent: the verifier has the claims it asked for"
        : "refused by the verifier side: " + sent.body());
    return sent.statusCode() == 200 ? 0 : 1;
  }

  private String needRecord() {
    if (record == null) {
      throw new IllegalArgumentException(action + " needs the RECORD id (wallet list shows them)");
    }
    return record;
  }

  private Map<String, String> auth(SigningKey holder, String method, String path) {
    return Map.of("Authorization", HolderProof.authorization(holder, subject, method, path));
  }
}
