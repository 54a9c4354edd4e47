package org.govledger.ledger.json;

/**
 * JSON input or a JSON tree cannot be accepted for signing: it is malformed, ambiguous, or holds a
 * value that has no RFC 8785 canonical form. Checked, because every caller that reads untrusted
 * input must decide how to refuse it. The message names the problem and where it is (line and
 * column, byte offset, or a JSON Pointer into the tree); it quotes at most about 40 characters of
 * the input.
 */
public class JsonFormatException extends Exception {
  public JsonFormatException(String message) {
    super(message);
  }
}
