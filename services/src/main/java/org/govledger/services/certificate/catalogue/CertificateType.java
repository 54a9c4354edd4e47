package org.govledger.services.certificate.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One kind of certificate or ID document an agency can issue, as described by its type file.
 *
 * @param id lower-case words joined by hyphens, 2 to 64 characters, e.g. {@code driving-licence}
 * @param version starts at 1; raised when the claims change
 * @param names what people call it, in Chinese, English and Arabic
 * @param subject who holds it
 * @param vct the SD-JWT VC type ({@code vct} claim) of credentials of this type
 * @param defaultValidityDays how long a newly issued certificate is valid, or empty when it does
 *     not expire (a birth certificate)
 * @param claimsSchema what the claims must look like
 * @param example fictional claims that satisfy the schema, for clients and documentation
 */
public record CertificateType(
    String id,
    int version,
    Names names,
    SubjectKind subject,
    String vct,
    Optional<Integer> defaultValidityDays,
    ClaimsSchema claimsSchema,
    ObjectNode example) {

  /** The pattern every type id matches. */
  public static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,63}");
  /** The longest default validity accepted, 100 years. */
  public static final int MAX_VALIDITY_DAYS = 36_525;

  private static final int MAX_VCT_LENGTH = 255;

  /**
   * Checks every field, and that the example satisfies the schema.
   *
   * @throws IllegalArgumentException naming the field and the problem
   */
  public CertificateType {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(names, "names");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(vct, "vct");
    Objects.requireNonNull(defaultValidityDays, "defaultValidityDays");
    Objects.requireNonNull(claimsSchema, "claimsSchema");
    Objects.requireNonNull(example, "example");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("id '" + id + "' is not a type id: use 2 to 64 lower-case"
          + " letters, digits and hyphens, starting with a letter");
    }
    if (version < 1) {
      throw new IllegalArgumentException("version must be 1 or more, got " + version);
    }
    checkVct(vct);
    defaultValidityDays.ifPresent(CertificateType::checkValidity);
    example = example.deepCopy();
    List<ClaimProblem> problems = claimsSchema.validate(example);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("example does not satisfy the schema: "
          + problems.stream().map(ClaimProblem::toString).collect(Collectors.joining("; ")));
    }
  }

  /** A copy of the claims schema as JSON. */
  public JsonNode schema() {
    return claimsSchema.json();
  }

  /** A copy of the example claims. */
  @Override
  public ObjectNode example() {
    return example.deepCopy();
  }

  /** Every way {@code claims} break this type's schema, sorted by path; empty when they fit. */
  public List<ClaimProblem> validate(JsonNode claims) {
    return claimsSchema.validate(claims);
  }

  /** Returns normally when {@code claims} fit this type, else throws with every problem. */
  public void requireValid(JsonNode claims) throws ClaimsRejectedException {
    List<ClaimProblem> problems = validate(claims);
    if (!problems.isEmpty()) {
      throw new ClaimsRejectedException(id, problems);
    }
  }

  /**
   * The type as the API shows it, in the shape of a type file: {@code id}, {@code version},
   * {@code names}, {@code subject}, {@code vct}, {@code defaultValidityDays} (a number, or null
   * when certificates of this type do not expire), {@code schema} and {@code example}.
   */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("id", id);
    json.put("version", version);
    json.set("names", names.toJson());
    json.put("subject", subject.jsonName());
    json.put("vct", vct);
    defaultValidityDays.ifPresentOrElse(days -> json.put("defaultValidityDays", days),
        () -> json.putNull("defaultValidityDays"));
    json.set("schema", claimsSchema.json());
    json.set("example", example.deepCopy());
    return json;
  }

  @Override
  public String toString() {
    return "CertificateType[" + id + " v" + version + "]";
  }

  private static void checkVct(String vct) {
    if (vct.isBlank() || vct.length() > MAX_VCT_LENGTH || vct.chars().anyMatch(c -> c <= ' ')) {
      throw new IllegalArgumentException("vct must be 1 to " + MAX_VCT_LENGTH + " characters"
          + " without spaces, such as urn:govledger:vct:<id>:<version>");
    }
  }

  private static void checkValidity(int days) {
    if (days < 1 || days > MAX_VALIDITY_DAYS) {
      throw new IllegalArgumentException("defaultValidityDays must be 1 to " + MAX_VALIDITY_DAYS
          + ", or null when certificates of this type do not expire; got " + days);
    }
  }

  /** A type's name in Chinese, English and Arabic; each non-blank, at most 128 characters. */
  public record Names(String zh, String en, String ar) {
    private static final int MAX_LENGTH = 128;

    public Names {
      check("zh", zh);
      check("en", en);
      check("ar", ar);
    }

    ObjectNode toJson() {
      ObjectNode json = JsonNodeFactory.instance.objectNode();
      json.put("zh", zh);
      json.put("en", en);
      json.put("ar", ar);
      return json;
    }

    private static void check(String language, String name) {
      Objects.requireNonNull(name, language);
      if (name.isBlank() || name.length() > MAX_LENGTH) {
        throw new IllegalArgumentException("names." + language + " must be 1 to " + MAX_LENGTH
            + " characters and not blank");
      }
    }
  }
}
