package org.govledger.node.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.govledger.client.ClientException;
import org.govledger.client.GovLedgerClient;
import org.govledger.client.KeyFile;
import org.govledger.client.TxSigner;
import org.govledger.credentials.CredentialException;
import org.govledger.credentials.HolderProof;
import org.govledger.credentials.PublicJwk;
import org.govledger.credentials.SdJwt;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.services.certificate.CertificateIssuer;
import org.govledger.services.certificate.catalogue.Catalogue;
import org.govledger.services.certificate.catalogue.ClaimsRejectedException;
import org.govledger.services.identity.IdentityContract;
import org.govledger.services.identity.Subject;
import org.govledger.services.identity.SubjectIds;

/**
 * The holders a consent workload acts for, each with a resident identity card and the wallet key
 * bound to their subject: the demo persons, whose cards are read from their wallets on the node
 * with a holder proof, and as many more persons as asked, bound now by the demo identity
 * authority ({@value #AUTHORITY}) and issued a card by it, so that flows spread over many subjects.
 * The cards of the new persons stay with the load generator, as they would in a phone's wallet.
 */
final class IdentityCardHolders {
  static final String TYPE = "resident-identity-card";
  static final String VCT = Catalogue.builtIn().find(TYPE).orElseThrow().vct();
  private static final String AUTHORITY = "sz-psb";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private IdentityCardHolders() {}

  /** One holder: the subject, the wallet key bound to it, and the identity card it holds. */
  record Holder(String subject, SigningKey key, SdJwt card) {}

  /**
   * The demo persons with an identity card, then new persons up to {@code count} in all.
   *
   * @param data the node's demo data dir, with {@code keys/holders} and {@code keys/agencies}
   */
  static List<Holder> prepare(GovLedgerClient node, Path data, String ledger, int count, SecureRandom random)
      throws IOException, ClientException, CredentialException {
    List<Holder> holders = new ArrayList<>();
    Path keys = data.resolve("keys/holders");
    for (JsonNode h : MAPPER.readTree(keys.resolve("holders.json").toFile())) {
      SigningKey key = KeyFile.read(keys.resolve(h.path("keyFile").asText()));
      String subject = h.path("subject").asText();
      Optional<String> card = cardInWallet(node, subject, key);
      if (card.isPresent() && holders.size() < count) {
        holders.add(new Holder(subject, key, SdJwt.parse(card.get())));
      }
    }
    SigningKey authorityKey = KeyFile.read(data.resolve("keys/agencies/" + AUTHORITY + ".json"));
    TxSigner authority = new TxSigner(ledger, authorityKey);
    CertificateIssuer issuer = new CertificateIssuer(Catalogue.builtIn(), AUTHORITY, authorityKey,
        authorityKey.suite().hash());
    while (holders.size() < count) {
      SigningKey key = CryptoSuite.P256_SHA256.generate(random);
      String subject = SubjectIds.random(random);
      node.submit(authority.sign("identity/bind-subject",
          IdentityContract.bindBody(subject, Subject.Kind.PERSON, PublicJwk.of(key))), true);
      long now = Instant.now().getEpochSecond();
      CertificateIssuer.Issued card;
      try {
        card = issuer.issue(new CertificateIssuer.Request(TYPE, subject, PublicJwk.of(key),
            Catalogue.builtIn().find(TYPE).orElseThrow().example(), now - 60, Optional.empty(),
            Optional.empty()), now, random);
      } catch (ClaimsRejectedException e) {
        throw new IllegalStateException("the catalogue's example for " + TYPE + " fails its schema", e);
      }
      node.submit(authority.sign("certificate/issue", card.anchorBody()), true);
      holders.add(new Holder(subject, key, SdJwt.parse(card.credential())));
    }
    return holders;
  }

  /** The holder's identity card from their wallet on the node, if they have one. */
  private static Optional<String> cardInWallet(GovLedgerClient node, String subject, SigningKey key)
      throws ClientException {
    String path = "/api/v1/wallets/" + subject + "/documents";
    for (JsonNode d : node.call("GET", path, Optional.empty(), proof(key, subject, path))
        .path("documents")) {
      if (d.path("type").asText().equals(TYPE)) {
        String one = path + "/" + d.path("recordId").asText();
        return Optional.of(node.call("GET", one, Optional.empty(), proof(key, subject, one))
            .path("credential").asText());
      }
    }
    return Optional.empty();
  }

  private static Map<String, String> proof(SigningKey key, String subject, String path) {
    return Map.of("Authorization", HolderProof.authorization(key, subject, "GET", path));
  }
}
