package org.govledger.credentials.openid4vp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.govledger.credentials.CredentialException;
import org.govledger.credentials.UntrustedJson;
import org.govledger.ledger.json.JsonFormatException;
import org.govledger.ledger.json.StrictJson;

/**
 * JSON from the other side (a request object, a DCQL query, a VP Token), read with the ledger's
 * {@link StrictJson}. Errors keep only the position, never an excerpt: a VP Token carries
 * personal data.
 */
final class JsonInput {
  private JsonInput() {}

  static ObjectNode object(String json, int maxBytes, String what) throws CredentialException {
    return object(json.getBytes(StandardCharsets.UTF_8), maxBytes, what);
  }

  static ObjectNode object(byte[] utf8, int maxBytes, String what) throws CredentialException {
    if (utf8.length > maxBytes) {
      throw new CredentialException(CredentialException.TOO_LARGE,
          what + " is " + utf8.length + " bytes, over the limit of " + maxBytes);
    }
    JsonNode node;
    try {
      node = StrictJson.parse(utf8, maxBytes);
    } catch (JsonFormatException e) {
      throw new CredentialException(CredentialException.MALFORMED, what + " is not strict JSON"
          + " (RFC 8259 and I-JSON, no member name twice)" + UntrustedJson.position(e.getMessage()));
    }
    if (!node.isObject()) {
      throw new CredentialException(CredentialException.MALFORMED,
          what + " must be a JSON object, not " + UntrustedJson.kind(node));
    }
    return (ObjectNode) node;
  }
}
