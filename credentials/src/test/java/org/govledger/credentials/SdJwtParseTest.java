package org.govledger.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.govledger.ledger.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;

/** Strict parsing: each malformed input is refused with its own reason. */
class SdJwtParseTest {
  private static final IssuedCredential ISSUED =
      TestCredentials.issue(CryptoSuite.ED25519_SHA256, CryptoSuite.P256_SHA256);
  private static final String JWT = ISSUED.issuerJwt();
  private static final String VALID_PRESENTATION = presentation();

  private static String presentation() {
    try {
      return SdJwt.parse(ISSUED.compact()).present(java.util.Set.of("name", "address"),
          TestCredentials.holderKey(CryptoSuite.P256_SHA256), TestCredentials.AUDIENCE,
          TestCredentials.NONCE, TestCredentials.NOW);
    } catch (CredentialException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(String json) {
    return Base64Url.encode(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The same bytes with a non-zero unused bit in the last character. */
  private static String nonCanonical(String canonical) {
    char last = canonical.charAt(canonical.length() - 1);
    return canonical.substring(0, canonical.length() - 1) + (char) (last + 1);
  }

  private record Case(String input, String code, String fragment) {}

  @Test
  void parse_malformed_isRefusedWithAReason() {
    String jwtHeader = JWT.substring(0, JWT.indexOf('.'));
    String jwtRest = JWT.substring(JWT.indexOf('.'));
    List<Case> cases = List.of(
        new Case("", CredentialException.MALFORMED, "no '~'"),
        new Case(JWT, CredentialException.MALFORMED, "no '~'"),
        new Case("~" + b64("[\"s\",\"n\",1]") + "~", CredentialException.MALFORMED,
            "starts with '~'"),
        new Case(JWT + "~~", CredentialException.MALFORMED, "part 1 of the SD-JWT is empty"),
        new Case(JWT + "~" + b64("[\"s\",\"n\",1]") + "~~", CredentialException.MALFORMED,
            "part 2 of the SD-JWT is empty"),
        new Case("a.b~", CredentialException.MALFORMED, "three base64url parts"),
        new Case("e$30" + jwtRest + "~", CredentialException.MALFORMED,
            "header is not base64url: character '$'"),
        new Case("eyJhbGciOiJFZERTQSJ9=" + jwtRest + "~", CredentialException.MALFORMED,
            "header is not base64url: character '='"),
        new Case(b64("not json") + jwtRest + "~", CredentialException.MALFORMED,
            "header is not acceptable JSON"),
        new Case(b64("[1]") + jwtRest + "~", CredentialException.MALFORMED,
            "header must be a JSON object, not an array"),
        new Case(b64("{\"alg\":\"EdDSA\",\"alg\":\"none\"}") + jwtRest + "~",
            CredentialException.MALFORMED, "a member name appears twice"),
        new Case(b64("{\"typ\":\"dc+sd-jwt\"}") + jwtRest + "~", CredentialException.MALFORMED,
            "must have a string \"alg\""),
        new Case(b64("{\"alg\":\"EdDSA\",\"crit\":[\"exp\"]}") + jwtRest + "~",
            CredentialException.MALFORMED, "crit"),
        new Case(jwtHeader + ".." + "~", CredentialException.MALFORMED, "empty payload"),
        new Case(JWT + "~a+b~", CredentialException.MALFORMED,
            "Disclosure 1 is not base64url: character '+'"),
        new Case(JWT + "~" + b64("{\"a\":1}") + "~", CredentialException.MALFORMED,
            "Disclosure 1 must be a JSON array, not an object"),
        new Case(JWT + "~" + b64("[\"s\",\"n\",1,2]") + "~", CredentialException.MALFORMED,
            "it has 4"),
        new Case(JWT + "~" + b64("[\"s\"]") + "~", CredentialException.MALFORMED, "it has 1"),
        new Case(JWT + "~" + b64("[1,\"n\",1]") + "~", CredentialException.MALFORMED,
            "salt must be a string, not a number"),
        new Case(JWT + "~" + b64("[\"s\",2,1]") + "~", CredentialException.MALFORMED,
            "claim name must be a string, not a number"),
        new Case(JWT + "~" + b64("[\"s\",\"n\",{\"a\":1,\"a\":2}]") + "~",
            CredentialException.MALFORMED, "a member name appears twice"),
        new Case(JWT + "~" + b64("[\"s\",\"n\",12345678901234567890]") + "~",
            CredentialException.MALFORMED, "Disclosure 1 is not acceptable JSON"),
        new Case(JWT + "~WyJzIiwiYSJd~WyJzIiwiYSJd~", CredentialException.MALFORMED,
            "Disclosure 2 repeats Disclosure 1"),
        new Case(JWT + "~" + nonCanonical(b64("[\"s\",\"ab\"]")) + "~",
            CredentialException.MALFORMED, "not canonical base64url"),
        new Case(JWT + "~abcde~", CredentialException.MALFORMED, "4n+1"),
        new Case(JWT + "~not-a-jwt", CredentialException.MALFORMED, "KB-JWT must have three"),
        new Case(JWT + "~" + "A".repeat(SdJwt.MAX_LENGTH), CredentialException.TOO_LARGE,
            "over the limit"));
    List<String> failures = new ArrayList<>();
    for (Case c : cases) {
      CredentialException e = catchThrowableOfType(CredentialException.class,
          () -> SdJwt.parse(c.input()));
      String shown = c.input().length() > 60 ? c.input().substring(0, 60) + "..." : c.input();
      if (e == null) {
        failures.add(shown + ": accepted");
      } else if (!e.code().equals(c.code()) || !e.getMessage().contains(c.fragment())) {
        failures.add(shown + ": got " + e.code() + " \"" + e.getMessage() + "\", want " + c.code()
            + " containing \"" + c.fragment() + "\"");
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void parse_disclosureMessages_neverQuoteTheValue() {
    String secret = "110101199003077777";
    CredentialException e = catchThrowableOfType(CredentialException.class,
        () -> SdJwt.parse(JWT + "~" + b64("[\"s\",\"n\",\"" + secret + "\" trailing]") + "~"));

    assertThat(e.getMessage()).contains("Disclosure 1").doesNotContain(secret);
  }

  @Test
  void parse_valid_keepsEveryPart() throws CredentialException {
    SdJwt parsed = SdJwt.parse(VALID_PRESENTATION);

    assertThat(parsed.issuerJwt()).isEqualTo(JWT);
    assertThat(parsed.disclosures()).hasSize(2);
    assertThat(parsed.keyBindingJwt()).hasValueSatisfying(
        kb -> assertThat(VALID_PRESENTATION).endsWith("~" + kb));
    assertThat(parsed.toString()).doesNotContain(JWT);
    assertThat(parsed.disclosures().get(0).toString()).startsWith("Disclosure[claim ");
  }

  @Property(tries = 400)
  void verify_anyMutation_isNeverValid_andNeverThrows(@ForAll("mutations") String mutated) {
    CredentialVerification result = SdJwtVerifier.forSdJwtVc().verify(mutated,
        TestCredentials.keys(CryptoSuite.ED25519_SHA256), TestCredentials.policy(),
        TestCredentials.NOW);

    assertThat(result.valid()).as("mutated presentation verified: %s", mutated).isFalse();
    assertThat(result.failures()).isNotEmpty();
    TestCredentials.assertNoPersonalData(result);
  }

  @Provide
  Arbitrary<String> mutations() {
    String base = VALID_PRESENTATION;
    Arbitrary<Integer> index = Arbitraries.integers().between(0, base.length() - 1);
    Arbitrary<Character> chars = Arbitraries.of(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_~.=+/ \u00e9"
            .chars().mapToObj(c -> (char) c).toList());
    Arbitrary<String> replaced = Combinators.combine(index, chars).as((i, c) ->
        base.substring(0, i) + c + base.substring(i + 1));
    Arbitrary<String> deleted = index.map(i -> base.substring(0, i) + base.substring(i + 1));
    Arbitrary<String> inserted = Combinators.combine(index, chars).as((i, c) ->
        base.substring(0, i) + c + base.substring(i));
    Arbitrary<String> cut = Combinators.combine(index, index).as((a, b) ->
        base.substring(0, Math.min(a, b)) + base.substring(Math.max(a, b) + 1));
    Arbitrary<String> bitFlip = Combinators.combine(index, Arbitraries.integers().between(0, 5))
        .as((i, bit) -> base.substring(0, i) + flip(base.charAt(i), bit) + base.substring(i + 1));
    Arbitrary<String> partsShuffled = Arbitraries.integers().between(0, 3).map(this::reorder);
    return Arbitraries.oneOf(replaced, deleted, inserted, cut, bitFlip, partsShuffled)
        .filter(mutated -> !mutated.equals(base));
  }

  /** Swaps or duplicates '~'-separated parts. */
  private String reorder(int kind) {
    String[] parts = VALID_PRESENTATION.split("~", -1);
    return switch (kind) {
      case 0 -> parts[0] + "~" + parts[2] + "~" + parts[1] + "~" + parts[3];
      case 1 -> parts[0] + "~" + parts[1] + "~" + parts[3];
      case 2 -> parts[0] + "~" + parts[1] + "~" + parts[2] + "~" + parts[2] + "~" + parts[3];
      default -> parts[0] + "~" + parts[1] + "~" + parts[2] + "~";
    };
  }

  private static char flip(char c, int bit) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    int value = alphabet.indexOf(c);
    return value < 0 ? c : alphabet.charAt(value ^ (1 << bit));
  }
}
