package org.govledger.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.govledger.ledger.crypto.HashFunction;
import org.govledger.ledger.json.Canonical;

/**
 * One Disclosure (RFC 9901 section 4.2): the base64url-encoded JSON array {@code [salt, name,
 * value]} for an object property, or {@code [salt, value]} for an array element. The encoded
 * string is what gets hashed, so it is kept exactly as received, and the other fields are always
 * what it decodes to. A class rather than a record, so that no constructor can pair an encoding
 * with other contents. {@code toString()} shows the claim name only: the salt and the value are
 * the holder's secrets.
 */
public final class Disclosure {
  private final String encoded;
  private final String salt;
  private final Optional<String> claimName;
  private final JsonNode value;

  private Disclosure(String encoded, String salt, Optional<String> claimName, JsonNode value) {
    this.encoded = encoded;
    this.salt = salt;
    this.claimName = claimName;
    this.value = value;
  }

  /** The Disclosure as it travels, the string that is hashed. */
  public String encoded() {
    return encoded;
  }

  /** The salt. */
  public String salt() {
    return salt;
  }

  /** The claim name; empty for an array element. */
  public Optional<String> claimName() {
    return claimName;
  }

  /**
   * Reads a Disclosure: a base64url JSON array of three elements (string salt, string claim
   * name, value) or two (string salt, value).
   *
   * @throws CredentialException {@link CredentialException#MALFORMED} naming the problem
   */
  public static Disclosure parse(String encoded) throws CredentialException {
    return decode(encoded, "Disclosure");
  }

  static Disclosure decode(String encoded, String what) throws CredentialException {
    ArrayNode array = UntrustedJson.array(Base64Url.decode(encoded, what), what);
    if (array.size() != 2 && array.size() != 3) {
      throw malformed(what + " must be an array of 3 elements [salt, name, value] or 2 elements"
          + " [salt, value]; it has " + array.size());
    }
    if (!array.get(0).isTextual()) {
      throw malformed(what + " salt must be a string, not " + UntrustedJson.kind(array.get(0)));
    }
    Optional<String> name = Optional.empty();
    if (array.size() == 3) {
      if (!array.get(1).isTextual()) {
        throw malformed(what + " claim name must be a string, not "
            + UntrustedJson.kind(array.get(1)));
      }
      name = Optional.of(array.get(1).textValue());
    }
    return new Disclosure(encoded, array.get(0).textValue(), name,
        array.get(array.size() - 1));
  }

  /** A new Disclosure, encoded as RFC 8785 canonical JSON (no white space, sorted members). */
  static Disclosure create(String salt, Optional<String> claimName, JsonNode value) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    array.add(salt);
    claimName.ifPresent(array::add);
    array.add(value);
    String encoded = Base64Url.encode(Canonical.canonicalize(array));
    try {
      return decode(encoded, "Disclosure");
    } catch (CredentialException e) {
      throw new IllegalArgumentException("the claim value cannot be carried in a Disclosure: "
          + e.getMessage(), e);
    }
  }

  /** The claim value (a copy). */
  public JsonNode value() {
    return value.deepCopy();
  }

  /** Whether this discloses an array element ({@code [salt, value]}). */
  public boolean isArrayElement() {
    return claimName.isEmpty();
  }

  /** The base64url digest of the encoded string's ASCII bytes (RFC 9901 section 4.2.3). */
  String digest(HashFunction hash) {
    return Base64Url.encode(hash.digest(encoded.getBytes(StandardCharsets.US_ASCII)));
  }

  /** The value without copying, for this package's read-only use. */
  JsonNode valueView() {
    return value;
  }

  /** Equal when the encoded strings are: the same contents encoded differently differ. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Disclosure that && encoded.equals(that.encoded);
  }

  @Override
  public int hashCode() {
    return encoded.hashCode();
  }

  @Override
  public String toString() {
    return claimName.map(n -> "Disclosure[claim " + n + "]").orElse("Disclosure[array element]");
  }

  private static CredentialException malformed(String message) {
    return new CredentialException(CredentialException.MALFORMED, message);
  }
}
