package org.govledger.ledger.json;

/**
 * Checks bytes against the UTF-8 definition of RFC 3629 (Unicode table 3-7): no overlong forms, no
 * encoded surrogates, nothing above U+10FFFF, no truncated sequences. Done before parsing so that a
 * JSON reader's leniency cannot let two different byte strings mean the same text.
 */
final class WellFormedUtf8 {
  private WellFormedUtf8() {}

  /** The offset of the first byte that is not part of well-formed UTF-8, or -1 if all are. */
  static int firstInvalidOffset(byte[] bytes) {
    int i = 0;
    int end = bytes.length;
    while (i < end) {
      int lead = bytes[i] & 0xff;
      if (lead < 0x80) {
        i++;
        continue;
      }
      int length;
      int secondLow = 0x80;
      int secondHigh = 0xbf;
      if (lead >= 0xc2 && lead <= 0xdf) {
        length = 2;
      } else if (lead >= 0xe0 && lead <= 0xef) {
        length = 3;
        if (lead == 0xe0) {
          secondLow = 0xa0;
        } else if (lead == 0xed) {
          secondHigh = 0x9f;
        }
      } else if (lead >= 0xf0 && lead <= 0xf4) {
        length = 4;
        if (lead == 0xf0) {
          secondLow = 0x90;
        } else if (lead == 0xf4) {
          secondHigh = 0x8f;
        }
      } else {
        return i;
      }
      if (i + 1 >= end || !within(bytes[i + 1], secondLow, secondHigh)) {
        return i;
      }
      for (int k = 2; k < length; k++) {
        if (i + k >= end || !within(bytes[i + k], 0x80, 0xbf)) {
          return i;
        }
      }
      i += length;
    }
    return -1;
  }

  private static boolean within(byte b, int low, int high) {
    int value = b & 0xff;
    return value >= low && value <= high;
  }
}
