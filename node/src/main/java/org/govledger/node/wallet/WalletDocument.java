package org.govledger.node.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A document in a holder's wallet: the credential (an SD-JWT VC with every disclosure) and what
 * the holder's list shows of it.
 *
 * @param type the certificate type id
 * @param credentialId the id the ledger anchors it under
 * @param agency the issuing agency's id
 * @param credential the SD-JWT VC, as issued
 * @param addedMillis when the wallet received it
 */
public record WalletDocument(String type, String credentialId, String agency, String credential, long addedMillis) {
  ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("type", type);
    o.put("credentialId", credentialId);
    o.put("agency", agency);
    o.put("credential", credential);
    o.put("added", addedMillis);
    return o;
  }

  static WalletDocument fromJson(JsonNode o) {
    return new WalletDocument(o.path("type").asText(), o.path("credentialId").asText(),
        o.path("agency").asText(), o.path("credential").asText(), o.path("added").asLong());
  }
}
