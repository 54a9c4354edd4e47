package org.govledger.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Replaces the digests in an issuer-signed payload with the claims their Disclosures carry,
 * exactly as RFC 9901 section 7.1 step 3 to 5 prescribes: digests without a Disclosure are
 * dropped (decoys or undisclosed claims); a Disclosure of the wrong shape for where its digest
 * sits, a claim name that is {@code _sd} or {@code ...} or already present, a digest seen twice,
 * or a Disclosure no digest refers to rejects the whole SD-JWT. Messages name Disclosures by
 * position and claims by name, never by value.
 */
final class DisclosureProcessor {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final SdJwt sdJwt;
  private final Set<String> forbiddenTopLevel;
  private final Map<Disclosure, Integer> position = new HashMap<>();
  private final Set<String> seen = new HashSet<>();
  private final Set<Disclosure> used = new HashSet<>();
  private final Set<String> disclosedTopLevel = new LinkedHashSet<>();

  /** The processed payload and which of its top-level claims came from Disclosures. */
  record Result(ObjectNode payload, Set<String> disclosedNames) {}

  private DisclosureProcessor(SdJwt sdJwt, Set<String> forbiddenTopLevel) {
    this.sdJwt = sdJwt;
    this.forbiddenTopLevel = forbiddenTopLevel;
    for (int i = 0; i < sdJwt.disclosures().size(); i++) {
      position.put(sdJwt.disclosures().get(i), i + 1);
    }
  }

  /**
   * Processes {@code sdJwt}'s payload with its Disclosures.
   *
   * @param forbiddenTopLevel top-level claim names that must not come from a Disclosure
   * @throws CredentialException {@link CredentialException#DISCLOSURE_MISMATCH} naming the
   *     first problem
   */
  static Result process(SdJwt sdJwt, Set<String> forbiddenTopLevel) throws CredentialException {
    DisclosureProcessor processor = new DisclosureProcessor(sdJwt, forbiddenTopLevel);
    ObjectNode payload = processor.object(sdJwt.issuerJws().payload(), "", 1);
    payload.remove("_sd_alg");
    processor.checkAllUsed();
    return new Result(payload, Set.copyOf(processor.disclosedTopLevel));
  }

  private JsonNode value(JsonNode node, String path, int depth) throws CredentialException {
    if (depth > SdJwt.MAX_NESTING) {
      throw mismatch("claims and Disclosures nest deeper than " + SdJwt.MAX_NESTING + " levels"
          + " at " + path);
    }
    if (node.isObject()) {
      return object((ObjectNode) node, path, depth);
    }
    if (node.isArray()) {
      return array((ArrayNode) node, path, depth);
    }
    return node.deepCopy();
  }

  private ObjectNode object(ObjectNode node, String path, int depth) throws CredentialException {
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<String, JsonNode> member : node.properties()) {
      if (!member.getKey().equals("_sd")) {
        out.set(member.getKey(),
            value(member.getValue(), path + "/" + member.getKey(), depth + 1));
      }
    }
    JsonNode sd = node.get("_sd");
    if (sd == null) {
      return out;
    }
    if (!sd.isArray()) {
      throw mismatch("_sd at " + where(path) + " must be an array of digests, not "
          + UntrustedJson.kind(sd));
    }
    for (JsonNode digest : sd) {
      if (!digest.isTextual()) {
        throw mismatch("_sd at " + where(path) + " holds " + UntrustedJson.kind(digest)
            + "; digests are strings");
      }
      Disclosure disclosure = find(digest.textValue());
      if (disclosure != null) {
        disclose(out, disclosure, path, depth);
      }
    }
    return out;
  }

  private void disclose(ObjectNode out, Disclosure disclosure, String path, int depth)
      throws CredentialException {
    int n = position.get(disclosure);
    if (disclosure.isArrayElement()) {
      throw mismatch("Disclosure " + n + " is an array element [salt, value], but its digest is"
          + " in the _sd array at " + where(path) + ", which takes [salt, name, value]");
    }
    String name = disclosure.claimName().orElseThrow();
    if (name.equals("_sd") || name.equals("...")) {
      throw mismatch("Disclosure " + n + " has the reserved claim name \"" + name + "\"");
    }
    if (out.has(name)) {
      throw mismatch("Disclosure " + n + " discloses \"" + name + "\", which already exists at "
          + where(path) + " as a plain claim or from another Disclosure");
    }
    if (path.isEmpty() && forbiddenTopLevel.contains(name)) {
      throw mismatch("Disclosure " + n + " discloses \"" + name + "\", which must not be"
          + " selectively disclosable (SD-JWT VC section 3.2.2.2)");
    }
    if (path.isEmpty()) {
      disclosedTopLevel.add(name);
    }
    out.set(name, value(disclosure.valueView(), path + "/" + name, depth + 1));
  }

  private ArrayNode array(ArrayNode node, String path, int depth) throws CredentialException {
    ArrayNode out = NODES.arrayNode();
    for (int i = 0; i < node.size(); i++) {
      JsonNode element = node.get(i);
      String at = path + "/" + i;
      if (element.isObject() && element.size() == 1 && element.path("...").isTextual()) {
        Disclosure disclosure = find(element.get("...").textValue());
        if (disclosure == null) {
          continue;
        }
        if (!disclosure.isArrayElement()) {
          throw mismatch("Disclosure " + position.get(disclosure) + " has a claim name, but its"
              + " digest is the array element at " + at + ", which takes [salt, value]");
        }
        out.add(value(disclosure.valueView(), at, depth + 1));
      } else {
        out.add(value(element, at, depth + 1));
      }
    }
    return out;
  }

  /** The Disclosure with this digest, or null; refuses a digest met twice. */
  private Disclosure find(String digest) throws CredentialException {
    if (!seen.add(digest)) {
      throw mismatch("digest " + digest + " appears more than once in the issuer-signed JWT and"
          + " its Disclosures (RFC 9901 section 7.1 step 4)");
    }
    Disclosure disclosure = sdJwt.byDigest().get(digest);
    if (disclosure != null) {
      used.add(disclosure);
    }
    return disclosure;
  }

  private void checkAllUsed() throws CredentialException {
    for (Disclosure disclosure : sdJwt.disclosures()) {
      if (!used.contains(disclosure)) {
        String what = disclosure.claimName().map(n -> " (claim \"" + n + "\")")
            .orElse(" (an array element)");
        throw mismatch("Disclosure " + position.get(disclosure) + what + " matches no digest in"
            + " the issuer-signed JWT: its " + sdJwt.digestAlgorithm().sdAlg() + " digest "
            + disclosure.digest(sdJwt.digestAlgorithm().hash()) + " is not referenced (altered,"
            + " or from another credential)");
      }
    }
  }

  private static String where(String path) {
    return path.isEmpty() ? "the top level" : path;
  }

  private static CredentialException mismatch(String message) {
    return new CredentialException(CredentialException.DISCLOSURE_MISMATCH, message);
  }
}
