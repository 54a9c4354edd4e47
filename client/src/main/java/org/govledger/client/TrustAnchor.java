package org.govledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import org.govledger.ledger.crypto.CryptoSuite;

/**
 * What a verifier trusts: a ledger id, its crypto suite, and a node's public key. A node's
 * {@code GET /api/v1/info} gives all three; get them once over a channel you trust.
 */
public record TrustAnchor(String ledger, CryptoSuite suite, byte[] nodePublicKey) {
  public TrustAnchor {
    nodePublicKey = nodePublicKey.clone();
    suite.verifier(nodePublicKey); // throws if it is not a key of the suite
  }

  @Override
  public byte[] nodePublicKey() {
    return nodePublicKey.clone();
  }

  /** Reads the {@code ledger}, {@code suite} and {@code nodePublicKey} fields of a node's info. */
  public static TrustAnchor fromInfo(JsonNode info) {
    return new TrustAnchor(
        info.path("ledger").asText(),
        CryptoSuite.fromId(info.path("suite").asText()),
        Base64.getUrlDecoder().decode(info.path("nodePublicKey").asText()));
  }
}
