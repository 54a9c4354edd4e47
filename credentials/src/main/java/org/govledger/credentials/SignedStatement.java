package org.govledger.credentials;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.govledger.ledger.crypto.SigningKey;

/**
 * A JSON statement a wallet key signs, carrying its own public key: a compact JWS with header
 * {@code {"typ", "alg", "jwk"}}. The signature proves only that the holder of that key said it;
 * whether the key speaks for a subject is the receiver's business (the ledger's subject
 * registry). A holder's consent and its withdrawal are such statements.
 */
public final class SignedStatement {
  /** A holder's consent to (or refusal of) a verifier's request; the consent contract's input. */
  public static final String CONSENT_TYP = "govledger-consent+jwt";
  /** A holder's withdrawal of a consent. */
  public static final String WITHDRAWAL_TYP = "govledger-consent-withdrawal+jwt";
  private static final int MAX_LENGTH = 16 * 1024;
  /**
   * Statements found valid lately, by their exact text: a node checks a consent when it arrives
   * and its contract checks the same text again when the block runs. A check is a pure function
   * of the text, so remembering its result changes no verdict; it saves a P-256 verification.
   */
  private static final int REMEMBERED = 4096;
  private static final Map<String, Verified> VALID = new ConcurrentHashMap<>();

  private SignedStatement() {}

  /** What a checked statement says, and by which key. */
  public record Verified(PublicJwk key, ObjectNode payload) {
    public Verified {
      payload = payload.deepCopy();
    }

    @Override
    public ObjectNode payload() {
      return payload.deepCopy();
    }
  }

  /** Signs {@code payload} as a statement of type {@code typ}. */
  public static String sign(SigningKey key, String typ, ObjectNode payload) {
    Objects.requireNonNull(typ, "typ");
    PublicJwk jwk = PublicJwk.of(key);
    ObjectNode header = JsonNodeFactory.instance.objectNode();
    header.put("typ", typ);
    header.put("alg", jwk.algorithm().jwsName());
    header.set("jwk", jwk.toJson());
    return Jws.sign(header, payload, key);
  }

  /**
   * Checks form, {@code typ} and signature (by the key in the header).
   *
   * @throws CredentialException naming what is wrong
   */
  public static Verified verify(String jws, String typ) throws CredentialException {
    Objects.requireNonNull(typ, "typ");
    String key = jws == null ? null : typ + ' ' + jws;
    Verified known = key == null ? null : VALID.get(key);
    if (known != null) {
      return known;
    }
    Verified v = check(jws, typ);
    if (VALID.size() >= REMEMBERED) {
      VALID.clear(); // rare; only costs checking again
    }
    VALID.put(key, v);
    return v;
  }

  private static Verified check(String jws, String typ) throws CredentialException {
    if (jws == null || jws.isEmpty()) {
      throw new CredentialException(CredentialException.MALFORMED, "the signed statement is empty");
    }
    if (jws.length() > MAX_LENGTH) {
      throw new CredentialException(CredentialException.TOO_LARGE,
          "a signed statement is at most " + MAX_LENGTH + " characters");
    }
    Jws.Parsed parsed = Jws.parse(jws, "signed " + typ);
    if (!typ.equals(parsed.header().path("typ").asText())) {
      throw new CredentialException(CredentialException.MALFORMED,
          "the statement's typ is \"" + parsed.header().path("typ").asText() + "\", want \"" + typ + "\"");
    }
    PublicJwk key = PublicJwk.fromJson(parsed.header().path("jwk"));
    Jws.verify(parsed, key, "signed " + typ);
    return new Verified(key, parsed.payload().deepCopy());
  }
}
