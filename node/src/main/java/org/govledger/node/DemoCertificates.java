package org.govledger.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.ArrayList;
import java.util.function.Consumer;
import org.govledger.client.KeyFile;
import org.govledger.client.TxSigner;
import org.govledger.credentials.PublicJwk;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.engine.Genesis;
import org.govledger.ledger.tx.Transaction;
import org.govledger.node.config.NodeConfig;
import org.govledger.node.wallet.WalletDocument;
import org.govledger.node.wallet.WalletStore;
import org.govledger.services.certificate.CertificateIssuer;
import org.govledger.services.certificate.catalogue.Catalogue;
import org.govledger.services.certificate.catalogue.ClaimsRejectedException;
import org.govledger.services.identity.IdentityContract;
import org.govledger.services.identity.Subject;
import org.govledger.services.identity.SubjectIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * E-certificates on a fresh demo ledger: the agencies of {@code demo/agencies.json} registered
 * by the demo admin, three holders (two persons and a company) bound by the identity
 * authorities, and a few certificates in their wallets. The agencies' and holders' keys go to
 * {@code keys/agencies/} and {@code keys/holders/} (and a verifier, {@code sz-bank}, in {@code
 * keys/verifiers/}), with {@code keys/holders/holders.json}
 * naming each holder's subject id, so that the CLI, SDK and web wallet can act as them. (A real
 * holder's key never leaves their device; the demo makes them on the node's disk for
 * convenience.)
 */
final class DemoCertificates {
  private static final Logger LOG = LoggerFactory.getLogger(DemoCertificates.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A demo holder and the certificates it gets, each with the agency that issues it. */
  private record Holder(String name, Subject.Kind kind, String authority, List<String[]> documents) {}

  private static final List<Holder> HOLDERS = List.of(
      new Holder("zhang-wei", Subject.Kind.PERSON, "sz-psb", List.of(
          new String[] {"sz-psb", "resident-identity-card"},
          new String[] {"sz-psb", "no-criminal-record-certificate"},
          new String[] {"sz-psb", "driving-licence"},
          new String[] {"sz-edu", "degree-certificate"})),
      new Holder("li-na", Subject.Kind.PERSON, "sz-psb", List.of(
          new String[] {"sz-psb", "resident-identity-card"},
          new String[] {"sz-health", "birth-certificate"},
          new String[] {"sz-hsa", "medical-insurance-card"})),
      new Holder("example-tech", Subject.Kind.COMPANY, "sz-amr", List.of(
          new String[] {"sz-amr", "business-licence"},
          new String[] {"sz-tax", "taxpayer-registration"})));

  private final NodeConfig config;
  private final Genesis genesis;
  private final Catalogue catalogue;
  private final Consumer<List<Transaction>> commit;
  private final WalletStore wallet;
  private final SecureRandom random = new SecureRandom();

  DemoCertificates(NodeConfig config, Genesis genesis, Catalogue catalogue, Consumer<List<Transaction>> commit,
      WalletStore wallet) {
    this.config = config;
    this.genesis = genesis;
    this.catalogue = catalogue;
    this.commit = commit;
    this.wallet = wallet;
  }

  void create() throws IOException {
    CryptoSuite suite = genesis.suite();
    TxSigner admin = new TxSigner(genesis.ledger(), KeyFile.read(config.keysDir().resolve("admin.json")));
    JsonNode agencies = resource("/demo/agencies.json").path("agencies");
    List<Transaction> registrations = new ArrayList<>();
    for (JsonNode a : agencies) {
      SigningKey key = key(config.keysDir().resolve("agencies").resolve(a.path("id").asText() + ".json"), suite,
          a.path("name").asText());
      ObjectNode change = MAPPER.createObjectNode();
      change.put("action", "register-agency");
      change.put("agency", a.path("id").asText());
      change.put("name", a.path("name").asText());
      if (a.has("parent")) {
        change.put("parent", a.path("parent").asText());
      }
      change.set("types", a.path("types"));
      change.putArray("keys").add(Base64.getUrlEncoder().withoutPadding().encodeToString(key.publicKey()));
      ObjectNode body = MAPPER.createObjectNode();
      body.set("change", change);
      registrations.add(admin.sign("governance/propose", body)); // parents come first in the file
    }
    SigningKey bank = key(config.keysDir().resolve("verifiers").resolve("sz-bank.json"), suite,
        "demo verifier sz-bank");
    ObjectNode verifier = MAPPER.createObjectNode();
    verifier.put("action", "register-verifier");
    verifier.put("verifier", "sz-bank");
    verifier.put("name", "Example Bank, Shenzhen branch");
    verifier.putObject("purposes").put("account-opening", "Opening a bank account (know your customer)")
        .put("loan-application", "Applying for a loan");
    verifier.putArray("types").add("resident-identity-card").add("business-licence")
        .add("no-criminal-record-certificate").add("real-estate-title");
    verifier.putArray("keys").add(Base64.getUrlEncoder().withoutPadding().encodeToString(bank.publicKey()));
    ObjectNode verifierBody = MAPPER.createObjectNode();
    verifierBody.set("change", verifier);
    registrations.add(admin.sign("governance/propose", verifierBody));
    commit.accept(registrations);
    List<Transaction> bindings = new ArrayList<>();
    List<Transaction> issues = new ArrayList<>();
    List<Runnable> deliveries = new ArrayList<>();
    ArrayNode manifest = MAPPER.createArrayNode();
    int issued = 0;
    long now = Instant.now().getEpochSecond();
    for (Holder h : HOLDERS) {
      Path keyFile = config.keysDir().resolve("holders").resolve(h.name() + ".json");
      SigningKey holderKey = key(keyFile, CryptoSuite.P256_SHA256, "demo holder " + h.name());
      String subject = SubjectIds.random(random);
      bindings.add(agency(h.authority()).sign("identity/bind-subject",
          IdentityContract.bindBody(subject, h.kind(), PublicJwk.of(holderKey))));
      for (String[] doc : h.documents()) {
        CertificateIssuer issuer = new CertificateIssuer(catalogue, doc[0], agencyKey(doc[0]), suite.hash());
        CertificateIssuer.Issued c;
        try {
          c = issuer.issue(new CertificateIssuer.Request(doc[1], subject, PublicJwk.of(holderKey),
              catalogue.find(doc[1]).orElseThrow().example(), now, Optional.empty(), Optional.empty()), now, random);
        } catch (ClaimsRejectedException e) {
          throw new IllegalStateException("the catalogue's own example for " + doc[1] + " fails its schema", e);
        }
        issues.add(agency(doc[0]).sign("certificate/issue", c.anchorBody()));
        CertificateIssuer.Issued issuedNow = c;
        deliveries.add(() -> wallet.put(subject, new WalletDocument(doc[1], issuedNow.id(), doc[0],
            issuedNow.credential(), System.currentTimeMillis())));
        issued++;
      }
      ObjectNode m = manifest.addObject();
      m.put("name", h.name());
      m.put("kind", h.kind().label());
      m.put("subject", subject);
      m.put("keyFile", keyFile.getFileName().toString());
    }
    commit.accept(bindings);
    commit.accept(issues);
    deliveries.forEach(Runnable::run);
    Files.write(config.keysDir().resolve("holders").resolve("holders.json"),
        MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
    LOG.info("demo e-certificates: {} agencies, {} holders, {} certificates in their wallets, verifier sz-bank;"
        + " keys in {}", agencies.size(), HOLDERS.size(), issued, config.keysDir());
  }

  private SigningKey agencyKey(String id) throws IOException {
    return KeyFile.read(config.keysDir().resolve("agencies").resolve(id + ".json"));
  }

  private TxSigner agency(String id) throws IOException {
    return new TxSigner(genesis.ledger(), agencyKey(id));
  }

  private SigningKey key(Path file, CryptoSuite suite, String name) throws IOException {
    if (Files.exists(file)) {
      return KeyFile.read(file);
    }
    SigningKey k = suite.generate(random);
    Files.createDirectories(file.getParent());
    KeyFile.write(file, k, name);
    return k;
  }

  private static JsonNode resource(String name) throws IOException {
    try (InputStream in = DemoCertificates.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("resource " + name + " is missing from the jar");
      }
      return MAPPER.readTree(in);
    }
  }
}
