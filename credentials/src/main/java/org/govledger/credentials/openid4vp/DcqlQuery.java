package org.govledger.credentials.openid4vp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.govledger.credentials.CredentialException;

/**
 * A Digital Credentials Query Language query (OpenID4VP 1.0 section 6): which credentials a
 * verifier asks for and which of their claims. This package supports the part of DCQL our
 * credentials need: Credential Queries of format {@code dc+sd-jwt} with {@code meta.vct_values}
 * and Claims Queries whose {@code path} is one top-level claim name. Valid DCQL that uses more
 * ({@code credential_sets}, {@code claim_sets}, {@code trusted_authorities}, {@code values},
 * nested or array paths, other formats, presentations without holder binding) is refused with
 * {@link Openid4vpCodes#UNSUPPORTED_QUERY} rather than half-understood; unknown members are
 * ignored, as section 6 requires.
 *
 * @param credentials the Credential Queries, in order; at least one, ids unique
 */
public record DcqlQuery(List<CredentialQuery> credentials) {
  /** The Credential Format Identifier of SD-JWT VC (OpenID4VP 1.0 appendix B.3.1). */
  public static final String FORMAT_SD_JWT_VC = "dc+sd-jwt";
  /** The longest {@code id} accepted (DCQL sets no limit; ours keeps queries small). */
  public static final int MAX_ID_LENGTH = 64;
  /** The largest DCQL query accepted, in bytes of JSON. */
  public static final int MAX_LENGTH = 16 * 1024;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+");

  /**
   * One Credential Query (section 6.1).
   *
   * @param id the query's id, the key of its answer in the VP Token
   * @param vctValues the credential types accepted ({@code meta.vct_values}), in order, distinct
   * @param claims the claims asked for, in order; empty means no selectively disclosable claim
   *     (section 6.4.1)
   * @param multiple whether more than one credential may answer
   */
  public record CredentialQuery(String id, List<String> vctValues, List<ClaimQuery> claims,
      boolean multiple) {
    /** @throws IllegalArgumentException if a part breaks the rules above */
    public CredentialQuery {
      checkId(id, "credential query id");
      vctValues = List.copyOf(vctValues);
      claims = List.copyOf(claims);
      if (vctValues.isEmpty()) {
        throw new IllegalArgumentException("credential query \"" + id
            + "\" needs at least one value in meta.vct_values");
      }
      for (String vct : vctValues) {
        if (vct.isEmpty()) {
          throw new IllegalArgumentException("credential query \"" + id
              + "\" has an empty string in meta.vct_values");
        }
      }
      if (new HashSet<>(vctValues).size() != vctValues.size()) {
        throw new IllegalArgumentException("credential query \"" + id
            + "\" lists a value in meta.vct_values twice");
      }
      Set<String> names = new HashSet<>();
      Set<String> claimIds = new HashSet<>();
      for (ClaimQuery claim : claims) {
        if (!names.add(claim.name())) {
          throw new IllegalArgumentException("credential query \"" + id + "\" asks for claim \""
              + claim.name() + "\" twice (section 6.1: not the same claim more than once)");
        }
        if (claim.id().isPresent() && !claimIds.add(claim.id().get())) {
          throw new IllegalArgumentException("credential query \"" + id + "\" has claim id \""
              + claim.id().get() + "\" twice");
        }
      }
    }

    /** The accepted {@code vct} values, in the order asked. */
    public Set<String> vctValueSet() {
      return Collections.unmodifiableSet(new LinkedHashSet<>(vctValues));
    }

    /** The top-level claim names asked for, in the order asked. */
    public Set<String> claimNames() {
      Set<String> names = new LinkedHashSet<>();
      claims.forEach(claim -> names.add(claim.name()));
      return Collections.unmodifiableSet(names);
    }
  }

  /**
   * One Claims Query (section 6.3) whose {@code path} is {@code [name]}: a top-level claim.
   *
   * @param id the optional claim id (used only by {@code claim_sets}, which we do not support)
   * @param name the claim name
   */
  public record ClaimQuery(Optional<String> id, String name) {
    /** @throws IllegalArgumentException for an id that breaks the DCQL pattern or an empty name */
    public ClaimQuery {
      Objects.requireNonNull(id, "id");
      id.ifPresent(value -> checkId(value, "claim id"));
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException("a claim name must be a non-empty string");
      }
    }
  }

  /** @throws IllegalArgumentException if there is no Credential Query or an id repeats */
  public DcqlQuery {
    credentials = List.copyOf(credentials);
    if (credentials.isEmpty()) {
      throw new IllegalArgumentException("a DCQL query needs at least one credential query");
    }
    Set<String> ids = new HashSet<>();
    for (CredentialQuery query : credentials) {
      if (!ids.add(query.id())) {
        throw new IllegalArgumentException("credential query id \"" + query.id()
            + "\" appears twice (section 6.1)");
      }
    }
  }

  /**
   * One Credential Query for one credential, asking for {@code claimNames} (sorted, so the same
   * sets always give the same query).
   */
  public static DcqlQuery single(String queryId, Set<String> vctValues, Set<String> claimNames) {
    List<ClaimQuery> claims = new ArrayList<>();
    new TreeSet<>(claimNames).forEach(name ->
        claims.add(new ClaimQuery(Optional.empty(), name)));
    return new DcqlQuery(List.of(new CredentialQuery(queryId,
        List.copyOf(new TreeSet<>(vctValues)), claims, false)));
  }

  /** The ids of the Credential Queries, in order. */
  public Set<String> queryIds() {
    Set<String> ids = new LinkedHashSet<>();
    credentials.forEach(query -> ids.add(query.id()));
    return Collections.unmodifiableSet(ids);
  }

  /** The Credential Query with this id. */
  public Optional<CredentialQuery> credential(String queryId) {
    return credentials.stream().filter(query -> query.id().equals(queryId)).findFirst();
  }

  /** @throws IllegalArgumentException if there is no query {@code queryId} */
  public Set<String> vctValues(String queryId) {
    return require(queryId).vctValueSet();
  }

  /** @throws IllegalArgumentException if there is no query {@code queryId} */
  public Set<String> claimNames(String queryId) {
    return require(queryId).claimNames();
  }

  private CredentialQuery require(String queryId) {
    return credential(queryId).orElseThrow(() -> new IllegalArgumentException(
        "no credential query with id \"" + queryId + "\"; ids: " + queryIds()));
  }

  /** The query as DCQL JSON, only the members this package writes. */
  public ObjectNode toJson() {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ArrayNode queries = json.arrayNode();
    for (CredentialQuery query : credentials) {
      ObjectNode node = queries.addObject();
      node.put("id", query.id());
      node.put("format", FORMAT_SD_JWT_VC);
      ArrayNode vcts = node.putObject("meta").putArray("vct_values");
      query.vctValues().forEach(vcts::add);
      if (!query.claims().isEmpty()) {
        ArrayNode claims = node.putArray("claims");
        for (ClaimQuery claim : query.claims()) {
          ObjectNode claimNode = claims.addObject();
          claim.id().ifPresent(id -> claimNode.put("id", id));
          claimNode.putArray("path").add(claim.name());
        }
      }
      if (query.multiple()) {
        node.put("multiple", true);
      }
    }
    ObjectNode root = json.objectNode();
    root.set("credentials", queries);
    return root;
  }

  /** Parses DCQL JSON text; see {@link #fromJson}. */
  public static DcqlQuery parse(String json) throws CredentialException {
    Objects.requireNonNull(json, "json");
    return fromJson(JsonInput.object(json, MAX_LENGTH, "the DCQL query"));
  }

  /**
   * Reads a DCQL query.
   *
   * @throws CredentialException {@link CredentialException#MALFORMED} for JSON that is not valid
   *     DCQL, {@link Openid4vpCodes#MISSING_PARAMETER} for a required member that is absent,
   *     {@link Openid4vpCodes#UNSUPPORTED_QUERY} for valid DCQL this package does not support;
   *     the message names the query, the member and the problem
   */
  public static DcqlQuery fromJson(JsonNode node) throws CredentialException {
    return DcqlReader.read(node);
  }

  static void checkId(String id, String what) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(what + " must be a non-empty string of A-Z a-z 0-9 _ -"
          + " (section 6.1)");
    }
    if (id.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(what + " is " + id.length() + " characters, over the"
          + " limit of " + MAX_ID_LENGTH);
    }
  }

  @Override
  public String toString() {
    return "DcqlQuery" + toJson();
  }
}
