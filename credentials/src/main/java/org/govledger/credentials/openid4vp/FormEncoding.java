package org.govledger.credentials.openid4vp;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.govledger.credentials.CredentialException;

/**
 * {@code application/x-www-form-urlencoded} (the WHATWG URL standard's form), which OAuth uses for
 * query parameters and for {@code direct_post} bodies. Decoding is strict: every pair has an
 * {@code =}, every {@code %} starts two hex digits, the bytes are well-formed UTF-8, and no name
 * appears twice.
 */
final class FormEncoding {
  private FormEncoding() {}

  static String encode(Map<String, String> parameters) {
    StringJoiner joined = new StringJoiner("&");
    parameters.forEach((name, value) -> joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8)
        + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return joined.toString();
  }

  /**
   * The parameters in order of appearance.
   *
   * @param code the {@link CredentialException#code()} to fail with
   */
  static Map<String, String> decode(String encoded, String what, String code)
      throws CredentialException {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (encoded.isEmpty()) {
      return parameters;
    }
    for (String pair : encoded.split("&", -1)) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new CredentialException(code, what + " has a parameter that is not name=value");
      }
      String name = unescape(pair.substring(0, equals), what, code);
      String value = unescape(pair.substring(equals + 1), what, code);
      if (parameters.put(name, value) != null) {
        throw new CredentialException(code, what + " has the parameter " + quoted(name)
            + " more than once");
      }
    }
    return Collections.unmodifiableMap(parameters);
  }

  private static String unescape(String text, String what, String code)
      throws CredentialException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%') {
        int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
        int low = high >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
        if (low < 0) {
          throw new CredentialException(code, what + " has a '%' not followed by two hex digits");
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else if (c < 0x21 || c > 0x7e) {
        throw new CredentialException(code, what + " has a character that must be"
            + " percent-encoded (white space, control or non-ASCII)");
      } else {
        bytes.write(c);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw new CredentialException(code, what + " has percent-encoded bytes that are not UTF-8");
    }
  }

  /** A parameter name for an error message: short, printable ASCII, else described. */
  static String quoted(String name) {
    return name.length() <= 40 && name.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)
        ? "\"" + name + "\"" : "(a name of " + name.length() + " characters)";
  }
}
