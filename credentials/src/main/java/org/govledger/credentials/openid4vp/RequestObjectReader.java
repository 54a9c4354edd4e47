package org.govledger.credentials.openid4vp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.govledger.credentials.CredentialException;
import org.govledger.credentials.UntrustedJson;

/** Reads a Request Object's claims into a {@link PresentationRequest}; see its {@code fromJson}. */
final class RequestObjectReader {
  private RequestObjectReader() {}

  static PresentationRequest read(JsonNode payload) throws CredentialException {
    if (payload == null || !payload.isObject()) {
      throw malformed("the request object must be a JSON object, not " + UntrustedJson.kind(payload));
    }
    checkResponseShape(payload);
    refuseUnsupported(payload);
    String clientId = text(payload, "client_id", "section 5.2");
    String responseUri = text(payload, "response_uri", "section 8.2");
    String nonce = text(payload, "nonce", "section 5.2");
    String state = text(payload, "state", "our profile: it routes the response to its session");
    JsonNode query = payload.get("dcql_query");
    if (query == null) {
      throw missing("the request object has no \"dcql_query\" (section 5.1)");
    }
    DcqlQuery dcqlQuery = DcqlQuery.fromJson(query);
    long iat = time(payload, "iat");
    long exp = time(payload, "exp");
    if (exp <= iat) {
      throw malformed("the request object expires (exp " + exp + ") no later than it was issued"
          + " (iat " + iat + ")");
    }
    long maxLifetime = PresentationRequest.MAX_LIFETIME.toSeconds();
    if (exp - iat > maxLifetime) {
      throw new CredentialException(Openid4vpCodes.LIFETIME_TOO_LONG, "the request object is"
          + " valid for " + (exp - iat) + " s (exp - iat); at most " + maxLifetime
          + " s is accepted, so that a QR code seen by others soon goes stale");
    }
    String purpose = text(payload, "purpose", "our profile: the holder is told why");
    try {
      return new PresentationRequest(clientId, responseUri, nonce, state, dcqlQuery, iat, exp,
          purpose);
    } catch (IllegalArgumentException e) {
      throw malformed("the request object: " + e.getMessage());
    }
  }

  private static void checkResponseShape(JsonNode payload) throws CredentialException {
    String responseType = text(payload, "response_type", "section 5");
    if (!responseType.equals(PresentationRequest.RESPONSE_TYPE)) {
      throw unsupported("response_type is \"" + PresentationRequest.shorten(responseType)
          + "\"; supported: \"vp_token\" (section 5.6)");
    }
    String responseMode = text(payload, "response_mode", "section 5.2");
    if (!responseMode.equals(PresentationRequest.RESPONSE_MODE)) {
      throw unsupported("response_mode is \"" + PresentationRequest.shorten(responseMode)
          + "\"; supported: \"direct_post\" (section 8.2); encrypted and redirect responses are"
          + " not");
    }
    JsonNode aud = payload.get("aud");
    if (aud != null && !(aud.isTextual() && aud.textValue().equals(PresentationRequest.AUDIENCE))) {
      throw unsupported("the request object's aud is not \"" + PresentationRequest.AUDIENCE
          + "\", the audience of a statically configured wallet (section 5.8)");
    }
  }

  private static void refuseUnsupported(JsonNode payload) throws CredentialException {
    List<String[]> refused = List.of(
        new String[] {"redirect_uri", "must not be present with response_uri (section 8.2)"},
        new String[] {"scope", "is not supported; send the query as dcql_query (section 5.5)"},
        new String[] {"transaction_data", "is not supported, so the request must be refused"
            + " (section 5.1)"},
        new String[] {"client_metadata", "is not accepted from a pre-registered verifier, whose"
            + " metadata is on the ledger (section 8.5, invalid_client)"},
        new String[] {"request_uri", "must not appear inside a request object"});
    for (String[] parameter : refused) {
      if (payload.has(parameter[0])) {
        throw unsupported("the request object has \"" + parameter[0] + "\", which "
            + parameter[1]);
      }
    }
  }

  private static String text(JsonNode payload, String member, String why)
      throws CredentialException {
    JsonNode value = payload.get(member);
    if (value == null) {
      throw missing("the request object has no \"" + member + "\" (required: " + why + ")");
    }
    if (!value.isTextual()) {
      throw malformed("the request object \"" + member + "\" must be a string, not "
          + UntrustedJson.kind(value));
    }
    return value.textValue();
  }

  private static long time(JsonNode payload, String member) throws CredentialException {
    JsonNode value = payload.get(member);
    if (value == null) {
      throw missing("the request object has no \"" + member + "\" (required in our profile, so"
          + " that a request goes stale)");
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
      throw malformed("the request object \"" + member + "\" must be a non-negative integer"
          + " (seconds since the epoch), not " + UntrustedJson.kind(value));
    }
    return value.longValue();
  }

  private static CredentialException malformed(String message) {
    return new CredentialException(CredentialException.MALFORMED, message);
  }

  private static CredentialException missing(String message) {
    return new CredentialException(Openid4vpCodes.MISSING_PARAMETER, message);
  }

  private static CredentialException unsupported(String message) {
    return new CredentialException(Openid4vpCodes.UNSUPPORTED_REQUEST, message);
  }
}
