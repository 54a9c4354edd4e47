package org.govledger.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import org.govledger.ledger.json.Canonical;

/**
 * What an issuer puts in one SD-JWT VC. Every top-level member of {@code claims} becomes
 * selectively disclosable (one Disclosure each; nested objects travel whole inside their
 * top-level claim). {@code visibleClaims} are always visible, for claims a verifier must see,
 * such as {@code status}.
 *
 * @param vct the credential type (SD-JWT VC section 3.2.2.1), for example {@code
 *     urn:govledger:vct:resident-permit}
 * @param claims the disclosable claims (copied in and out)
 * @param holderKey the holder's public key, written as {@code cnf.jwk}
 * @param issuedAt {@code iat}, epoch seconds
 * @param notBefore {@code nbf}, epoch seconds
 * @param expiresAt {@code exp}, epoch seconds, if the credential expires
 * @param visibleClaims always-visible extra claims (copied in and out); none of the reserved
 *     names and none of the names in {@code claims}
 */
public record CredentialClaims(String vct, ObjectNode claims, PublicJwk holderKey, long issuedAt,
    long notBefore, OptionalLong expiresAt, ObjectNode visibleClaims) {

  /** Claims this module writes itself, or that SD-JWT VC forbids hiding: never disclosable. */
  static final Set<String> NOT_DISCLOSABLE = Set.of(
      "iss", "iat", "nbf", "exp", "cnf", "vct", "vct#integrity", "status", "_sd", "_sd_alg",
      "...");

  /** Claims this module writes itself: not allowed among the visible extras either. */
  static final Set<String> WRITTEN_BY_ISSUER = Set.of(
      "iss", "iat", "nbf", "exp", "cnf", "vct", "_sd", "_sd_alg", "...");

  /**
   * @throws IllegalArgumentException if {@code vct} is empty, a claim name is reserved or used
   *     twice, a value holds an {@code _sd} or {@code ...} member at any depth (a verifier would
   *     read it as a digest) or cannot be written as I-JSON, or the times are out of order
   */
  public CredentialClaims {
    Objects.requireNonNull(vct, "vct");
    Objects.requireNonNull(holderKey, "holderKey");
    Objects.requireNonNull(expiresAt, "expiresAt");
    claims = claims.deepCopy();
    visibleClaims = visibleClaims.deepCopy();
    if (vct.isEmpty()) {
      throw new IllegalArgumentException("vct must not be empty");
    }
    for (String name : names(claims)) {
      if (NOT_DISCLOSABLE.contains(name)) {
        throw new IllegalArgumentException("\"" + name + "\" cannot be a disclosable claim: it"
            + " is written by the issuer or must stay visible (SD-JWT VC section 3.2.2.2)");
      }
    }
    for (String name : names(visibleClaims)) {
      if (WRITTEN_BY_ISSUER.contains(name) || claims.has(name)) {
        throw new IllegalArgumentException("\"" + name + "\" cannot be a visible claim: it is "
            + (claims.has(name) ? "also a disclosable claim" : "written by the issuer"));
      }
    }
    refuseDigestMembers(claims, "");
    refuseDigestMembers(visibleClaims, "");
    Canonical.canonicalize(claims);
    Canonical.canonicalize(visibleClaims);
    checkTimes(issuedAt, notBefore, expiresAt);
  }

  private static void checkTimes(long issuedAt, long notBefore, OptionalLong expiresAt) {
    if (issuedAt < 0 || notBefore < 0) {
      throw new IllegalArgumentException("iat and nbf must not be negative");
    }
    if (expiresAt.isPresent() && expiresAt.getAsLong() <= notBefore) {
      throw new IllegalArgumentException("exp " + expiresAt.getAsLong()
          + " must be after nbf " + notBefore);
    }
  }

  private static void refuseDigestMembers(JsonNode node, String path) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> member : node.properties()) {
        String at = path + "/" + member.getKey();
        if (!path.isEmpty() && (member.getKey().equals("_sd") || member.getKey().equals("..."))) {
          throw new IllegalArgumentException("claim values must not hold a member named \""
              + member.getKey() + "\" (at " + at + "): verifiers would read it as digests");
        }
        refuseDigestMembers(member.getValue(), at);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        refuseDigestMembers(node.get(i), path + "/" + i);
      }
    }
  }

  static List<String> names(ObjectNode object) {
    return object.properties().stream().map(Map.Entry::getKey).toList();
  }

  @Override
  public ObjectNode claims() {
    return claims.deepCopy();
  }

  @Override
  public ObjectNode visibleClaims() {
    return visibleClaims.deepCopy();
  }

  @Override
  public String toString() {
    return "CredentialClaims[vct=" + vct + ", claims=" + names(claims)
        + ", visibleClaims=" + names(visibleClaims) + ", iat=" + issuedAt + ", nbf="
        + notBefore + ", exp=" + expiresAt + "]";
  }
}
