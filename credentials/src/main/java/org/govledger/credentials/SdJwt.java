package org.govledger.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.govledger.ledger.crypto.SigningKey;

/**
 * A parsed SD-JWT or SD-JWT+KB in compact form (RFC 9901 section 4): {@code
 * <issuer-signed JWT>~<Disclosure 1>~...~<Disclosure N>~[<KB-JWT>]}. Immutable. Parsing checks the
 * structure only; signatures, digests and key binding are {@link SdJwtVerifier}'s job. A holder
 * parses the credential it was issued and calls {@link #present} to disclose some claims to a
 * verifier.
 *
 * <p>{@code toString()} shows counts only: the string itself carries personal data.
 */
public final class SdJwt {
  /** The longest SD-JWT accepted, in characters (64 KiB): ample for a credential. */
  public static final int MAX_LENGTH = 64 * 1024;

  /** Deepest nesting of Disclosures inside Disclosures that is followed. */
  static final int MAX_NESTING = 64;

  private final String issuerJwt;
  private final Jws.Parsed issuerJws;
  private final List<Disclosure> disclosures;
  private final Optional<Jws.Parsed> keyBinding;
  private final DigestAlgorithm digestAlgorithm;
  private final Map<String, Disclosure> byDigest;
  private final Map<String, Set<Disclosure>> disclosable;

  private SdJwt(String issuerJwt, Jws.Parsed issuerJws, List<Disclosure> disclosures,
      Optional<Jws.Parsed> keyBinding, DigestAlgorithm digestAlgorithm) {
    this.issuerJwt = issuerJwt;
    this.issuerJws = issuerJws;
    this.disclosures = List.copyOf(disclosures);
    this.keyBinding = keyBinding;
    this.digestAlgorithm = digestAlgorithm;
    Map<String, Disclosure> digests = new HashMap<>();
    for (Disclosure disclosure : disclosures) {
      digests.put(disclosure.digest(digestAlgorithm.hash()), disclosure);
    }
    this.byDigest = Collections.unmodifiableMap(digests);
    this.disclosable = Collections.unmodifiableMap(indexClaims(issuerJws.payload(), digests));
  }

  /**
   * Parses an SD-JWT (ends with {@code ~}) or SD-JWT+KB (ends with a KB-JWT). Strict: no empty
   * part but the trailing one, every part base64url and strict JSON, every Disclosure a
   * 3-element array with a string salt and string name or a 2-element array with a string
   * salt, no Disclosure twice, and an {@code _sd_alg} this module supports ({@code sha-256}, or
   * {@code sm3}; absent means {@code sha-256}).
   *
   * @throws CredentialException {@link CredentialException#TOO_LARGE} over {@link #MAX_LENGTH},
   *     {@link CredentialException#UNSUPPORTED_ALGORITHM} for another {@code _sd_alg}, else
   *     {@link CredentialException#MALFORMED}; the message names the part and the problem
   */
  public static SdJwt parse(String serialized) throws CredentialException {
    Objects.requireNonNull(serialized, "serialized");
    if (serialized.length() > MAX_LENGTH) {
      throw new CredentialException(CredentialException.TOO_LARGE, "the SD-JWT is "
          + serialized.length() + " characters, over the limit of " + MAX_LENGTH);
    }
    if (serialized.indexOf('~') < 0) {
      throw malformed("no '~' found: an SD-JWT is <issuer-signed JWT>~<Disclosure>~...~ with an"
          + " optional KB-JWT after the last '~' (RFC 9901 section 4)");
    }
    String[] parts = serialized.split("~", -1);
    if (parts[0].isEmpty()) {
      throw malformed("the SD-JWT starts with '~': the issuer-signed JWT is missing");
    }
    Jws.Parsed issuerJws = Jws.parse(parts[0], "issuer-signed JWT");
    List<Disclosure> disclosures = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 1; i < parts.length - 1; i++) {
      if (parts[i].isEmpty()) {
        throw malformed("part " + i + " of the SD-JWT is empty ('~~'); only the part after the"
            + " last '~' may be empty");
      }
      Integer first = seen.putIfAbsent(parts[i], i);
      if (first != null) {
        throw malformed("Disclosure " + i + " repeats Disclosure " + first + "; a Disclosure"
            + " may be sent only once (RFC 9901 section 4)");
      }
      disclosures.add(Disclosure.decode(parts[i], "Disclosure " + i));
    }
    String last = parts[parts.length - 1];
    Optional<Jws.Parsed> keyBinding =
        last.isEmpty() ? Optional.empty() : Optional.of(Jws.parse(last, "KB-JWT"));
    return new SdJwt(parts[0], issuerJws, disclosures, keyBinding,
        digestAlgorithm(issuerJws.payload()));
  }

  private static DigestAlgorithm digestAlgorithm(ObjectNode payload) throws CredentialException {
    JsonNode sdAlg = payload.get("_sd_alg");
    if (sdAlg == null) {
      return DigestAlgorithm.DEFAULT;
    }
    if (!sdAlg.isTextual()) {
      throw malformed("_sd_alg must be a string, not " + UntrustedJson.kind(sdAlg));
    }
    return DigestAlgorithm.fromSdAlg(sdAlg.textValue()).orElseThrow(() ->
        new CredentialException(CredentialException.UNSUPPORTED_ALGORITHM, "_sd_alg \""
            + sdAlg.textValue() + "\" is not supported; supported: sha-256, sm3"));
  }

  /** The issuer-signed JWT, the part before the first {@code ~}. */
  public String issuerJwt() {
    return issuerJwt;
  }

  /** A copy of the issuer-signed JWT's header. */
  public ObjectNode header() {
    return issuerJws.header().deepCopy();
  }

  /** A copy of the issuer-signed JWT's payload, with its digests (not yet processed). */
  public ObjectNode payload() {
    return issuerJws.payload().deepCopy();
  }

  /** The Disclosures, in the order they appear. */
  public List<Disclosure> disclosures() {
    return disclosures;
  }

  /** The KB-JWT after the last {@code ~}, if this is an SD-JWT+KB. */
  public Optional<String> keyBindingJwt() {
    return keyBinding.map(Jws.Parsed::compact);
  }

  /**
   * The top-level claims the holder can disclose: those whose Disclosure is in this SD-JWT, and
   * permanently visible claims that hold disclosable parts (such as an array with disclosable
   * elements). Sorted.
   */
  public SortedSet<String> claimNames() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(disclosable.keySet()));
  }

  /**
   * A presentation (SD-JWT+KB, RFC 9901 sections 4.3 and 7.2) that discloses exactly the named
   * top-level claims, each with every Disclosure nested inside it, and ends with a KB-JWT that
   * {@code holderKey} signs over {@code audience}, {@code nonce}, {@code iat} and the {@code
   * sd_hash} of what precedes it. Any KB-JWT this SD-JWT already has is dropped.
   *
   * @param claimNames names from {@link #claimNames()}; may be empty to disclose nothing
   * @throws CredentialException {@link CredentialException#UNKNOWN_CLAIM} for a name that is not
   *     disclosable (never silently dropped), {@link CredentialException#KEY_BINDING} if the
   *     credential has no {@code cnf.jwk} or {@code holderKey} is not that key
   * @throws IllegalArgumentException if {@code audience} or {@code nonce} is empty or {@code
   *     iatEpochSeconds} is negative
   */
  public String present(Set<String> claimNames, SigningKey holderKey, String audience,
      String nonce, long iatEpochSeconds) throws CredentialException {
    Objects.requireNonNull(claimNames, "claimNames");
    Objects.requireNonNull(holderKey, "holderKey");
    Set<String> unknown = new TreeSet<>(claimNames);
    unknown.removeAll(disclosable.keySet());
    if (!unknown.isEmpty()) {
      throw new CredentialException(CredentialException.UNKNOWN_CLAIM, "cannot disclose "
          + unknown + ": not disclosable in this credential; disclosable: " + claimNames());
    }
    checkHolderKey(PublicJwk.of(holderKey));
    Set<Disclosure> chosen = new HashSet<>();
    claimNames.forEach(name -> chosen.addAll(disclosable.get(name)));
    String sdJwt = issuerJwt + "~" + disclosures.stream().filter(chosen::contains)
        .map(d -> d.encoded() + "~").collect(Collectors.joining());
    return sdJwt + KeyBindingJwt.create(
        sdJwt, digestAlgorithm, holderKey, audience, nonce, iatEpochSeconds);
  }

  private void checkHolderKey(PublicJwk holderKey) throws CredentialException {
    Optional<PublicJwk> bound = confirmationKey();
    if (bound.isEmpty()) {
      throw new CredentialException(CredentialException.KEY_BINDING,
          "the credential has no cnf.jwk holder key, so no KB-JWT can be bound to it");
    }
    if (!bound.get().equals(holderKey)) {
      throw new CredentialException(CredentialException.KEY_BINDING, "the holder key (JWK"
          + " thumbprint " + holderKey.thumbprint() + ") is not the credential's cnf.jwk"
          + " (thumbprint " + bound.get().thumbprint() + ")");
    }
  }

  /**
   * The holder key in {@code cnf.jwk}, empty if there is no {@code cnf} or it has no {@code jwk}.
   *
   * @throws CredentialException if {@code cnf} is not an object or its {@code jwk} is unusable
   */
  Optional<PublicJwk> confirmationKey() throws CredentialException {
    JsonNode cnf = issuerJws.payload().get("cnf");
    if (cnf == null) {
      return Optional.empty();
    }
    if (!cnf.isObject()) {
      throw malformed("cnf must be a JSON object, not " + UntrustedJson.kind(cnf));
    }
    JsonNode jwk = cnf.get("jwk");
    if (jwk == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(PublicJwk.fromJson(jwk));
    } catch (CredentialException e) {
      throw new CredentialException(e.code(), "cnf.jwk: " + e.getMessage(), e);
    }
  }

  Jws.Parsed issuerJws() {
    return issuerJws;
  }

  Optional<Jws.Parsed> keyBinding() {
    return keyBinding;
  }

  DigestAlgorithm digestAlgorithm() {
    return digestAlgorithm;
  }

  Map<String, Disclosure> byDigest() {
    return byDigest;
  }

  /** What the KB-JWT's {@code sd_hash} covers: everything up to and including the last '~'. */
  String sdHashInput() {
    StringBuilder out = new StringBuilder(issuerJwt).append('~');
    disclosures.forEach(d -> out.append(d.encoded()).append('~'));
    return out.toString();
  }

  /** Maps each disclosable top-level claim to the Disclosures that disclose it in full. */
  private static Map<String, Set<Disclosure>> indexClaims(ObjectNode payload,
      Map<String, Disclosure> byDigest) {
    Map<String, Set<Disclosure>> index = new TreeMap<>();
    JsonNode sd = payload.get("_sd");
    if (sd != null && sd.isArray()) {
      for (JsonNode digest : sd) {
        Disclosure disclosure = digest.isTextual() ? byDigest.get(digest.textValue()) : null;
        if (disclosure != null && disclosure.claimName().isPresent()) {
          Set<Disclosure> needed = new LinkedHashSet<>();
          needed.add(disclosure);
          collect(disclosure.valueView(), byDigest, needed, 1);
          index.computeIfAbsent(disclosure.claimName().get(), k -> new LinkedHashSet<>())
              .addAll(needed);
        }
      }
    }
    for (Map.Entry<String, JsonNode> member : payload.properties()) {
      if (!member.getKey().equals("_sd") && !member.getKey().equals("_sd_alg")) {
        Set<Disclosure> nested = new LinkedHashSet<>();
        collect(member.getValue(), byDigest, nested, 1);
        if (!nested.isEmpty()) {
          index.computeIfAbsent(member.getKey(), k -> new LinkedHashSet<>()).addAll(nested);
        }
      }
    }
    return index;
  }

  /** Adds every Disclosure whose digest occurs in {@code node}, and those nested in them. */
  private static void collect(JsonNode node, Map<String, Disclosure> byDigest,
      Set<Disclosure> out, int depth) {
    if (depth > MAX_NESTING || !node.isContainerNode()) {
      return;
    }
    List<String> digests = new ArrayList<>();
    if (node.isObject()) {
      JsonNode sd = node.get("_sd");
      if (sd != null && sd.isArray()) {
        sd.forEach(d -> digests.add(d.asText("")));
      }
    } else {
      node.forEach(e -> {
        if (e.isObject() && e.size() == 1 && e.path("...").isTextual()) {
          digests.add(e.get("...").textValue());
        }
      });
    }
    for (String digest : digests) {
      Disclosure disclosure = byDigest.get(digest);
      if (disclosure != null && out.add(disclosure)) {
        collect(disclosure.valueView(), byDigest, out, depth + 1);
      }
    }
    for (JsonNode child : node) {
      collect(child, byDigest, out, depth + 1);
    }
  }

  @Override
  public String toString() {
    return "SdJwt[" + disclosures.size() + " disclosures"
        + (keyBinding.isPresent() ? ", with KB-JWT" : "") + "]";
  }

  private static CredentialException malformed(String message) {
    return new CredentialException(CredentialException.MALFORMED, message);
  }
}
