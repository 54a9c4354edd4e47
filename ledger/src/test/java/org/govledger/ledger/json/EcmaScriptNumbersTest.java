package org.govledger.ledger.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EcmaScriptNumbersTest {

  @Test
  void toString_matchesRfc8785AppendixBSamples() {
    assertThat(failures("rfc8785/number-samples.txt")).isEmpty();
  }

  @Test
  void toString_matchesNodeJsOnSevenThousandDoubles() {
    List<String[]> rows = Vectors.rows("node/es-numbers.txt");
    assertThat(rows).hasSizeGreaterThan(7000);
    assertThat(failures("node/es-numbers.txt")).isEmpty();
  }

  @Test
  void toString_ofAppendixBNonFiniteSamples_isRefused() {
    List<String> accepted = new ArrayList<>();
    for (String[] row : Vectors.rows("rfc8785/number-samples-rejected.txt")) {
      double value = Vectors.doubleFromHex(row[0]);
      try {
        accepted.add(row[1] + " gave " + EcmaScriptNumbers.toString(value));
      } catch (IllegalArgumentException expected) {
        // refused, as RFC 8785 section 3.2.2.3 requires
      }
    }
    assertThat(accepted).isEmpty();
  }

  @Test
  void toString_differsFromJavaDoubleToStringWhereEcmaScriptDoes() {
    assertThat(EcmaScriptNumbers.toString(1e23)).isEqualTo("1e+23");
    assertThat(EcmaScriptNumbers.toString(1e21)).isEqualTo("1e+21");
    assertThat(EcmaScriptNumbers.toString(1e20)).isEqualTo("100000000000000000000");
    assertThat(EcmaScriptNumbers.toString(100.0)).isEqualTo("100");
    assertThat(EcmaScriptNumbers.toString(0.000001)).isEqualTo("0.000001");
    assertThat(EcmaScriptNumbers.toString(1e-7)).isEqualTo("1e-7");
    assertThat(EcmaScriptNumbers.toString(-1.5e-7)).isEqualTo("-1.5e-7");
    assertThat(EcmaScriptNumbers.toString(-0.0)).isEqualTo("0");
    // JDK 17 Double.toString gives 2.0E-3-style output and, for this value, 18 digits.
    assertThat(EcmaScriptNumbers.toString(2.82879384806159E17)).isEqualTo("282879384806159000");
  }

  @Test
  void toString_ofNaN_throws() {
    assertThatThrownBy(() -> EcmaScriptNumbers.toString(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<String> failures(String file) {
    List<String> failures = new ArrayList<>();
    for (String[] row : Vectors.rows(file)) {
      double value = Vectors.doubleFromHex(row[0]);
      String got = EcmaScriptNumbers.toString(value);
      if (!got.equals(row[1])) {
        failures.add(row[0] + ": got " + got + ", want " + row[1]);
      }
    }
    return failures;
  }
}
