package org.govledger.ledger.json;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The I-JSON rule for numbers (RFC 7493 section 2.2, RFC 8785 section 3.2.2.3): every number is an
 * IEEE 754 double, so a number is accepted only if JavaScript would read it without silently
 * changing it. Each method returns the double the number stands for, or throws {@link InvalidValue}
 * naming the number and what JavaScript would make of it.
 *
 * <ul>
 *   <li>An integer must be exactly a double, or be exactly the ECMAScript spelling of its nearest
 *       double (so {@code 295147905179352830000}, which is how JavaScript writes 2^68, is accepted,
 *       while {@code 12345678901234567890}, which JavaScript would read as {@code
 *       12345678901234567000}, is not). Identifiers and amounts past 2^53 belong in strings.
 *   <li>A number with a fraction or exponent may have up to 17 significant digits, the most a
 *       double distinguishes, and is rounded to the nearest double as every JSON reader does; more
 *       digits are accepted only if they are the exact value of a double.
 *   <li>Nothing may overflow to infinity or underflow from a non-zero value to zero; NaN and the
 *       infinities have no JSON form.
 * </ul>
 */
final class InteroperableNumbers {
  private static final long MAX_EXACT_INTEGER = 1L << 53;

  private InteroperableNumbers() {}

  static double fromLong(long value) {
    if (-MAX_EXACT_INTEGER <= value && value <= MAX_EXACT_INTEGER) {
      return value;
    }
    return fromBigInteger(BigInteger.valueOf(value));
  }

  static double fromBigInteger(BigInteger value) {
    double nearest = value.doubleValue();
    if (Double.isInfinite(nearest)) {
      throw new InvalidValue("number " + Excerpt.of(value.toString())
          + " is outside the range of an IEEE 754 double (largest is 1.7976931348623157e+308)");
    }
    BigInteger magnitude = value.abs();
    boolean exact = magnitude.bitLength() - magnitude.getLowestSetBit() <= 53;
    if (exact) {
      return nearest;
    }
    String javaScript = EcmaScriptNumbers.toString(nearest);
    String literal = value.toString();
    if (javaScript.equals(literal)) {
      return nearest;
    }
    throw new InvalidValue("number " + Excerpt.of(literal)
        + " cannot be represented exactly as an IEEE 754 double (JavaScript would read it as "
        + javaScript + "); send it as a string");
  }

  static double fromBigDecimal(BigDecimal value) {
    double nearest = value.doubleValue();
    if (Double.isInfinite(nearest)) {
      throw new InvalidValue("number " + Excerpt.of(value.toString())
          + " is outside the range of an IEEE 754 double (largest is 1.7976931348623157e+308)");
    }
    if (nearest == 0 && value.signum() != 0) {
      throw new InvalidValue("number " + Excerpt.of(value.toString())
          + " is too close to zero for an IEEE 754 double and would become 0 (smallest is 5e-324)");
    }
    if (value.precision() > EcmaScriptNumbers.MAX_DIGITS
        && value.stripTrailingZeros().precision() > EcmaScriptNumbers.MAX_DIGITS
        && new BigDecimal(nearest).compareTo(value) != 0) {
      throw new InvalidValue("number " + Excerpt.of(value.toString())
          + " has more significant digits than an IEEE 754 double holds (17); JavaScript would read"
          + " it as " + EcmaScriptNumbers.toString(nearest) + "; round it or send it as a string");
    }
    return nearest;
  }

  static double fromDouble(double value) {
    if (!Double.isFinite(value)) {
      throw new InvalidValue("number " + value + " is not allowed: JSON has no NaN or Infinity");
    }
    return value;
  }
}
