package org.govledger.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.govledger.client.ClientException;
import org.govledger.client.GovLedgerClient;
import org.govledger.client.KeyFile;
import org.govledger.client.TxSigner;
import org.govledger.credentials.CredentialException;
import org.govledger.credentials.PublicJwk;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.services.certificate.CertificateIssuer;
import org.govledger.services.certificate.catalogue.Catalogue;
import org.govledger.services.certificate.catalogue.CatalogueException;
import org.govledger.services.certificate.catalogue.ClaimsRejectedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "issue", mixinStandardHelpOptions = true,
    description = {"Issues an e-certificate as an agency: checks the claims against the type's schema,"
        + " signs an SD-JWT VC bound to the holder's wallet key, anchors its digest on the ledger"
        + " and delivers it to the holder's wallet on the node.",
        "Example: govledger issue --key data/keys/agencies/sz-psb.json --agency sz-psb"
            + " --type no-criminal-record-certificate --subject <id>"
            + " --holder-key data/keys/holders/zhang-wei.json --claims @claims.json --out cert.sdjwt"})
final class IssueCommand implements Callable<Integer> {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Option(names = "--node", description = "node URL (default: ${DEFAULT-VALUE})")
  URI node = URI.create("http://127.0.0.1:8080");

  @Option(names = "--key", required = true, description = "the agency's key file")
  Path key;

  @Option(names = "--agency", required = true, description = "the agency's id, e.g. sz-psb")
  String agency;

  @Option(names = "--type", required = true, description = "certificate type id (GET /api/v1/certificate-types lists them)")
  String type;

  @Option(names = "--subject", required = true, description = "the holder's pseudonymous subject id")
  String subject;

  @Option(names = "--holder-key", required = true,
      description = "the holder's wallet key: a public JWK file, or a key file (only its public part is used)")
  Path holderKey;

  @Option(names = "--claims", required = true, description = "the claims, a JSON object (or @file)")
  String claims;

  @Option(names = "--valid-from", description = "first day of validity, YYYY-MM-DD (default: now)")
  LocalDate validFrom;

  @Option(names = "--valid-until", description = "end of validity, YYYY-MM-DD (default: the type's)")
  LocalDate validUntil;

  @Option(names = "--paper-number", description = "digitising a paper document: its number")
  String paperNumber;

  @Option(names = "--paper-scan", description = "digitising a paper document: its scan (the file is hashed, not sent)")
  Path paperScan;

  @Option(names = "--catalogue", description = "a directory of extra certificate types")
  Path catalogueDir;

  @Option(names = "--out", description = "write the credential (SD-JWT VC) to this file")
  Path out;

  @Option(names = "--no-deliver", description = "do not put it in the holder's wallet on the node")
  boolean noDeliver;

  @Override
  public Integer call() throws Exception {
    if ((paperNumber == null) != (paperScan == null)) {
      throw new IllegalArgumentException("a paper document needs both --paper-number and --paper-scan");
    }
    SigningKey agencyKey = KeyFile.read(key);
    Catalogue catalogue = loadCatalogue();
    GovLedgerClient client = new GovLedgerClient(node);
    String ledger = client.info().path("ledger").asText();
    CryptoSuite suite = agencyKey.suite();
    long now = Instant.now().getEpochSecond();
    long from = validFrom == null ? now : validFrom.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    Optional<Long> until = Optional.ofNullable(validUntil).map(d -> d.atStartOfDay().toEpochSecond(ZoneOffset.UTC));
    Optional<CertificateIssuer.PaperOrigin> paper = paperNumber == null ? Optional.empty()
        : Optional.of(new CertificateIssuer.PaperOrigin(paperNumber,
            HexFormat.of().formatHex(suite.hash().digest(Files.readAllBytes(paperScan)))));
    CertificateIssuer.Issued c;
    try {
      c = new CertificateIssuer(catalogue, agency, agencyKey, suite.hash()).issue(new CertificateIssuer.Request(
          type, subject, holderJwk(), readClaims(), from, until, paper), now, new SecureRandom());
    } catch (ClaimsRejectedException e) {
      System.err.println("refused: the claims break the " + type + " schema; nothing was anchored:");
      e.problems().forEach(p -> System.err.println("  " + (p.path().isEmpty() ? "/" : p.path()) + ": " + p.message()));
      return 1;
    }
    ObjectNode result = MAPPER.createObjectNode();
    try {
      JsonNode committed = client.submit(new TxSigner(ledger, agencyKey).sign("certificate/issue", c.anchorBody()), true);
      result.put("credentialId", c.id());
      result.put("type", c.type());
      result.put("txId", committed.path("id").asText());
      result.put("height", committed.path("height").asLong());
      if (out != null) {
        Files.writeString(out, c.credential());
        result.put("credentialFile", out.toString());
      }
      if (!noDeliver) {
        ObjectNode delivery = MAPPER.createObjectNode();
        delivery.put("credential", c.credential());
        result.put("walletRecord", client.post("/api/v1/wallets/" + subject + "/documents", delivery)
            .path("recordId").asText());
      }
    } catch (ClientException e) {
      System.err.println("refused: " + e.type() + ": " + e.getMessage());
      return 1;
    }
    System.out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    return 0;
  }

  private Catalogue loadCatalogue() throws IOException {
    if (catalogueDir == null) {
      return Catalogue.builtIn();
    }
    try {
      return Catalogue.load(catalogueDir);
    } catch (CatalogueException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private PublicJwk holderJwk() throws IOException {
    JsonNode n = MAPPER.readTree(holderKey.toFile());
    if (n.has("privateKey")) {
      return PublicJwk.of(KeyFile.read(holderKey));
    }
    try {
      return PublicJwk.fromJson(n);
    } catch (CredentialException e) {
      throw new IllegalArgumentException("--holder-key " + holderKey + " is neither a key file nor a public JWK: "
          + e.getMessage());
    }
  }

  private ObjectNode readClaims() throws IOException {
    String text = claims.startsWith("@") ? Files.readString(Path.of(claims.substring(1))) : claims;
    JsonNode n;
    try {
      n = MAPPER.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException("--claims is not JSON: " + e.getMessage());
    }
    if (!n.isObject()) {
      throw new IllegalArgumentException("--claims must be a JSON object");
    }
    return (ObjectNode) n;
  }
}
