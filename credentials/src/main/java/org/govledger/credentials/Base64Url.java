package org.govledger.credentials;

import java.util.Base64;

/**
 * Base64url without padding (RFC 7515 section 2), strict: only the 64 URL-safe characters, no
 * padding, no white space, and the unused low bits of the last character must be zero. So every
 * byte string has exactly one encoding, and a flipped bit in a signature's last character cannot
 * decode to the same bytes.
 */
final class Base64Url {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private Base64Url() {}

  static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  /**
   * Decodes {@code text}; {@code what} names the part in the error (for example "issuer JWT
   * header").
   */
  static byte[] decode(String text, String what) throws CredentialException {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_';
      if (!ok) {
        throw new CredentialException(CredentialException.MALFORMED, String.format(
            "%s is not base64url: character %s at offset %d (allowed: A-Z a-z 0-9 - _, no"
                + " padding)", what, describe(c), i));
      }
    }
    if (text.length() % 4 == 1) {
      throw new CredentialException(CredentialException.MALFORMED,
          what + " is not base64url: a length of 4n+1 characters cannot be decoded");
    }
    byte[] bytes = DECODER.decode(text);
    if (!ENCODER.encodeToString(bytes).equals(text)) {
      throw new CredentialException(CredentialException.MALFORMED,
          what + " is not canonical base64url: the unused bits of its last character are not"
              + " zero");
    }
    return bytes;
  }

  private static String describe(char c) {
    if (c >= 0x21 && c < 0x7f) {
      return "'" + c + "'";
    }
    return String.format("U+%04X", (int) c);
  }
}
