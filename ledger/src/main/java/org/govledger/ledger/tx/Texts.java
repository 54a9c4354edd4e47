package org.govledger.ledger.tx;

/** Quoting of user-supplied text in error messages: bounded, so huge input is never echoed. */
final class Texts {
  private static final int MAX = 40;

  private Texts() {}

  static String quote(String s) {
    if (s == null) {
      return "nothing";
    }
    String shown = s.length() > MAX ? s.substring(0, MAX) + "…" : s;
    return '"' + shown + '"';
  }
}
