package org.govledger.node.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.govledger.client.KeyFile;
import org.govledger.client.TxSigner;
import org.govledger.credentials.PublicJwk;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.tx.Transaction;
import org.govledger.services.certificate.CertificateIssuer;
import org.govledger.services.certificate.catalogue.Catalogue;
import org.govledger.services.certificate.catalogue.CertificateType;
import org.govledger.services.certificate.catalogue.ClaimsRejectedException;

/**
 * What a fresh demo ledger lets its agencies issue to its holders: every (agency, type, holder)
 * where the agency is authorised for the type ({@code demo/agencies.json}) and the holder is of
 * the type's subject kind, with the catalogue's example claims. Builds and signs a certificate and
 * the transaction that anchors it the way an agency's console would, on the caller's thread.
 * Thread-safe; each thread passes its own {@link SecureRandom}.
 */
final class DemoIssuance {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private record Order(CertificateIssuer issuer, TxSigner agency, String type, ObjectNode claims,
      int holder) {}

  private final List<Order> orders;
  private final List<String> subjects;
  private final List<SigningKey> holderKeys;

  private DemoIssuance(List<Order> orders, List<String> subjects, List<SigningKey> holderKeys) {
    this.orders = List.copyOf(orders);
    this.subjects = List.copyOf(subjects);
    this.holderKeys = List.copyOf(holderKeys);
  }

  /** One certificate built and signed, with its anchoring transaction ready to submit. */
  record Issue(CertificateIssuer.Issued certificate, Transaction anchor, int holder) {}

  /** Reads the demo agencies' and holders' keys from a demo data dir of ledger {@code ledger}. */
  static DemoIssuance load(Path data, String ledger) throws IOException {
    Path keys = data.resolve("keys");
    List<String> subjects = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    List<SigningKey> holderKeys = new ArrayList<>();
    for (JsonNode h : MAPPER.readTree(keys.resolve("holders/holders.json").toFile())) {
      subjects.add(h.path("subject").asText());
      kinds.add(h.path("kind").asText());
      holderKeys.add(KeyFile.read(keys.resolve("holders").resolve(h.path("keyFile").asText())));
    }
    Catalogue catalogue = Catalogue.builtIn();
    List<Order> orders = new ArrayList<>();
    for (JsonNode a : agencies()) {
      Path keyFile = keys.resolve("agencies").resolve(a.path("id").asText() + ".json");
      if (!Files.exists(keyFile)) {
        continue;
      }
      SigningKey key = KeyFile.read(keyFile);
      CertificateIssuer issuer = new CertificateIssuer(catalogue, a.path("id").asText(), key,
          key.suite().hash());
      TxSigner agency = new TxSigner(ledger, key);
      for (JsonNode t : a.path("types")) {
        CertificateType type = catalogue.find(t.asText()).orElseThrow();
        for (int h = 0; h < subjects.size(); h++) {
          if (kinds.get(h).equals(type.subject().jsonName())) {
            orders.add(new Order(issuer, agency, type.id(), type.example(), h));
          }
        }
      }
    }
    if (orders.isEmpty()) {
      throw new IOException(data + " holds no demo agencies and holders to issue with");
    }
    return new DemoIssuance(orders, subjects, holderKeys);
  }

  /** Kinds of certificate (agency, type, holder) there are to cycle through. */
  int orders() {
    return orders.size();
  }

  /**
   * Builds, signs and makes the anchoring transaction of certificate number {@code i} (orders are
   * cycled through), valid from a minute before {@code nowEpochSeconds}.
   */
  Issue build(long i, long nowEpochSeconds, SecureRandom random) {
    Order o = orders.get((int) (i % orders.size()));
    CertificateIssuer.Issued c;
    try {
      c = o.issuer().issue(new CertificateIssuer.Request(o.type(), subjects.get(o.holder()),
          PublicJwk.of(holderKeys.get(o.holder())), o.claims(), nowEpochSeconds - 60,
          Optional.empty(), Optional.empty()), nowEpochSeconds, random);
    } catch (ClaimsRejectedException e) {
      throw new IllegalStateException("the catalogue's example for " + o.type() + " fails its schema", e);
    }
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    return new Issue(c, o.agency().sign("certificate/issue", c.anchorBody(),
        HexFormat.of().formatHex(nonce)), o.holder());
  }

  SigningKey holderKey(int holder) {
    return holderKeys.get(holder);
  }

  private static JsonNode agencies() throws IOException {
    try (InputStream in = DemoIssuance.class.getResourceAsStream("/demo/agencies.json")) {
      if (in == null) {
        throw new IOException("resource /demo/agencies.json is missing from the jar");
      }
      return MAPPER.readTree(in).path("agencies");
    }
  }
}
