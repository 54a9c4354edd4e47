package org.govledger.credentials.openid4vp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.govledger.credentials.CredentialContents;
import org.govledger.credentials.CredentialException;
import org.govledger.credentials.SdJwt;
import org.govledger.credentials.openid4vp.DcqlQuery.CredentialQuery;

/**
 * A credential that can answer a Credential Query, and the claims to disclose for it (OpenID4VP
 * 1.0 section 6.4.1): the holder's side ({@link #match}) and the verifier's ({@link
 * #checkPresentation}, which refuses a presentation that discloses more than was asked, since a
 * wallet must not send claims not selected, section 6.4).
 *
 * <p>A credential matches when its {@code vct} is one of {@code meta.vct_values} (exactly: type
 * inheritance through SD-JWT VC Type Metadata is not followed) and it has every claim asked for,
 * either selectively disclosable or always visible.
 *
 * @param queryId the Credential Query answered
 * @param claimsToDisclose the selectively disclosable claims to disclose: those asked for that
 *     are not always visible anyway; sorted, unmodifiable
 */
public record DcqlMatch(String queryId, SortedSet<String> claimsToDisclose) {
  public DcqlMatch {
    Objects.requireNonNull(queryId, "queryId");
    claimsToDisclose = Collections.unmodifiableSortedSet(new TreeSet<>(claimsToDisclose));
  }

  /** Whether the holder's {@code credential} can answer {@code query}, and what to disclose. */
  public static Optional<DcqlMatch> match(CredentialQuery query, SdJwt credential) {
    ObjectNode payload = credential.payload();
    JsonNode vct = payload.get("vct");
    if (vct == null || !vct.isTextual()) {
      return Optional.empty();
    }
    Set<String> visible = new TreeSet<>();
    payload.properties().forEach(member -> visible.add(member.getKey()));
    visible.removeAll(Set.of("_sd", "_sd_alg"));
    return match(query, vct.textValue(), credential.claimNames(), visible);
  }

  /**
   * The same from a credential's parts.
   *
   * @param disclosableClaims top-level claims the credential can disclose
   * @param visibleClaims top-level claims always visible in it (such as {@code iss}, {@code vct})
   */
  public static Optional<DcqlMatch> match(CredentialQuery query, String vct,
      Set<String> disclosableClaims, Set<String> visibleClaims) {
    if (!query.vctValueSet().contains(vct)) {
      return Optional.empty();
    }
    SortedSet<String> disclose = new TreeSet<>();
    for (String name : query.claimNames()) {
      if (disclosableClaims.contains(name)) {
        disclose.add(name);
      } else if (!visibleClaims.contains(name)) {
        return Optional.empty();
      }
    }
    return Optional.of(new DcqlMatch(query.id(), disclose));
  }

  /** The disclosed claims that {@code query} did not ask for; empty if there are none. */
  public static SortedSet<String> extraDisclosures(CredentialQuery query,
      Set<String> disclosedClaimNames) {
    SortedSet<String> extra = new TreeSet<>(disclosedClaimNames);
    extra.removeAll(query.claimNames());
    return Collections.unmodifiableSortedSet(extra);
  }

  /**
   * The verifier's check of a verified presentation against the query it answers: the right
   * type, every claim asked for present, and nothing disclosed that was not asked for. Run it
   * only on a presentation whose {@code CredentialVerification} is valid.
   *
   * @throws CredentialException {@link Openid4vpCodes#WRONG_CREDENTIAL_TYPE}, {@link
   *     Openid4vpCodes#MISSING_CLAIM} or {@link Openid4vpCodes#EXTRA_DISCLOSURE}, naming claims
   *     (never their values)
   */
  public static void checkPresentation(CredentialQuery query, CredentialContents contents)
      throws CredentialException {
    String vct = contents.vct().orElse("");
    if (!query.vctValueSet().contains(vct)) {
      throw new CredentialException(Openid4vpCodes.WRONG_CREDENTIAL_TYPE, "credential query \""
          + query.id() + "\" asks for vct " + query.vctValues() + " but the presentation is of"
          + " vct \"" + PresentationRequest.shorten(vct) + "\"");
    }
    Set<String> disclosed = names(contents.disclosedClaims());
    SortedSet<String> missing = new TreeSet<>(query.claimNames());
    missing.removeAll(disclosed);
    missing.removeAll(names(contents.visibleClaims()));
    if (!missing.isEmpty()) {
      throw new CredentialException(Openid4vpCodes.MISSING_CLAIM, "the presentation for"
          + " credential query \"" + query.id() + "\" lacks the claims asked for: " + missing);
    }
    SortedSet<String> extra = extraDisclosures(query, disclosed);
    if (!extra.isEmpty()) {
      throw new CredentialException(Openid4vpCodes.EXTRA_DISCLOSURE, "the presentation for"
          + " credential query \"" + query.id() + "\" discloses claims that were not asked"
          + " for: " + extra + "; it is refused so that no more is kept than the holder agreed"
          + " to (section 6.4)");
    }
  }

  private static Set<String> names(ObjectNode object) {
    Set<String> names = new TreeSet<>();
    object.properties().forEach(member -> names.add(member.getKey()));
    return names;
  }
}
