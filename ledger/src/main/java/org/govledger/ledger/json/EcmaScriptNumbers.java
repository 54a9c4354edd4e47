package org.govledger.ledger.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * ECMAScript {@code Number.prototype.toString} for finite doubles (ECMA-262 Number::toString, which
 * RFC 8785 section 3.2.2.3 adopts).
 *
 * <p>Java 17's {@code Double.toString} is not a substitute: it writes {@code 1.0E23} where
 * ECMAScript writes {@code 1e+23}, and before JDK 19 it does not always pick the shortest digits.
 * This class finds the shortest digit string that reads back as the same double (choosing the one
 * nearest the exact value, ties to even, as ECMA-262 requires) and lays it out by the ECMA-262
 * rules: plain digits below 10^21, {@code 0.000001} down to 10^-6, exponent form elsewhere.
 */
final class EcmaScriptNumbers {
  /** 2^53: every integer of at most this magnitude is a double and prints as its decimal digits. */
  static final double MAX_EXACT_INTEGER = 9007199254740992d;

  /** A double never needs more than 17 significant digits to read back unchanged. */
  static final int MAX_DIGITS = 17;

  private static final MathContext[] DOWN = contexts(RoundingMode.FLOOR);
  private static final MathContext[] UP = contexts(RoundingMode.CEILING);

  private EcmaScriptNumbers() {}

  /**
   * The ECMAScript string for {@code value}; both zeros give {@code "0"}.
   *
   * @throws IllegalArgumentException if {@code value} is NaN or infinite, which have no JSON form
   */
  static String toString(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(value + " has no JSON representation");
    }
    if (value == 0) {
      return "0";
    }
    double magnitude = Math.abs(value);
    if (magnitude <= MAX_EXACT_INTEGER && value == Math.rint(value)) {
      return Long.toString((long) value);
    }
    BigDecimal digits = shortestDigits(magnitude).stripTrailingZeros();
    return layOut(value < 0, digits.unscaledValue().toString(), digits.precision() - digits.scale());
  }

  /** The decimal with the fewest significant digits that reads back as {@code magnitude} (> 0). */
  private static BigDecimal shortestDigits(double magnitude) {
    BigDecimal exact = new BigDecimal(magnitude);
    if (exact.precision() <= 15) {
      // Any other decimal of fewer digits is at least 1e-15 away relative to the value, while
      // everything reading back as the double lies within 2^-53 of it: the exact value is shortest.
      return exact;
    }
    // Double.toString reads back exactly, so the shortest length is at most its digit count; in
    // JDK 17 it is usually already the shortest, occasionally one digit longer. "Some decimal of
    // at most k digits reads back" holds for every k from the shortest length upwards, so scanning
    // down from there until it fails finds the shortest length, usually after one probe.
    int upperBound = Math.min(MAX_DIGITS,
        new BigDecimal(Double.toString(magnitude)).stripTrailingZeros().precision());
    BigDecimal shortest = null;
    for (int digits = upperBound - 1; digits >= 1; digits--) {
      BigDecimal candidate = nearestReadingBack(exact, magnitude, digits);
      if (candidate == null) {
        break;
      }
      shortest = candidate;
    }
    return shortest != null ? shortest : nearestReadingBack(exact, magnitude, upperBound);
  }

  /**
   * Of the two {@code digits}-digit decimals around {@code exact}, the one that reads back as
   * {@code magnitude} (the nearer if both do, the even one on a tie), or null if neither does.
   */
  private static BigDecimal nearestReadingBack(BigDecimal exact, double magnitude, int digits) {
    BigDecimal below = exact.round(DOWN[digits]);
    BigDecimal above = exact.round(UP[digits]);
    boolean belowReads = below.doubleValue() == magnitude;
    boolean aboveReads = above.doubleValue() == magnitude;
    if (belowReads && aboveReads) {
      int nearer = exact.subtract(below).compareTo(above.subtract(exact));
      if (nearer != 0) {
        return nearer < 0 ? below : above;
      }
      return below.unscaledValue().testBit(0) ? above : below;
    }
    if (belowReads) {
      return below;
    }
    return aboveReads ? above : null;
  }

  /**
   * ECMA-262 Number::toString steps 6 to 10: {@code digits} are s (k of them, no trailing zeros)
   * and the value is 0.s times 10^n.
   */
  private static String layOut(boolean negative, String digits, int n) {
    int k = digits.length();
    StringBuilder out = new StringBuilder(k + 8);
    if (negative) {
      out.append('-');
    }
    if (k <= n && n <= 21) {
      out.append(digits);
      out.append("0".repeat(n - k));
    } else if (0 < n && n <= 21) {
      out.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.").append("0".repeat(-n)).append(digits);
    } else {
      int exponent = n - 1;
      out.append(digits.charAt(0));
      if (k > 1) {
        out.append('.').append(digits, 1, k);
      }
      out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
    }
    return out.toString();
  }

  private static MathContext[] contexts(RoundingMode mode) {
    MathContext[] contexts = new MathContext[MAX_DIGITS + 1];
    for (int digits = 1; digits <= MAX_DIGITS; digits++) {
      contexts[digits] = new MathContext(digits, mode);
    }
    return contexts;
  }
}
