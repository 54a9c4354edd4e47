package org.govledger.ledger.tx;

import java.util.regex.Pattern;

/** What a transaction asks for: a contract and one of its actions, written {@code contract/action}. */
public record TxType(String contract, String action) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

  public TxType {
    if (contract == null || !NAME.matcher(contract).matches()) {
      throw new IllegalArgumentException(
          "a contract name is 1-40 lower-case letters, digits or '-', got " + Texts.quote(contract));
    }
    if (action == null || !NAME.matcher(action).matches()) {
      throw new IllegalArgumentException(
          "an action name is 1-40 lower-case letters, digits or '-', got " + Texts.quote(action));
    }
  }

  /** Parses {@code contract/action}. */
  public static TxType parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException(
          "a transaction type is written contract/action, got " + Texts.quote(text));
    }
    return new TxType(text.substring(0, slash), text.substring(slash + 1));
  }

  @Override
  public String toString() {
    return contract + "/" + action;
  }
}
