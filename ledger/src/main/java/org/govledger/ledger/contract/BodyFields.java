package org.govledger.ledger.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;
import org.govledger.ledger.tx.TxRejectedException;

/**
 * Reads the fields of a transaction body (or of a statement inside it) the way every contract
 * wants them, refusing anything else with {@code <contract>.<reason>} and a message that names
 * the field.
 */
public final class BodyFields {
  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{1,63}");

  private final String contract;
  private final String reason;

  /** @param reason the refusal's reason code, for example {@code bad-body} */
  public BodyFields(String contract, String reason) {
    this.contract = contract;
    this.reason = reason;
  }

  /** A string of 1-128 characters. */
  public String text(JsonNode p, String name) {
    JsonNode n = p.get(name);
    if (n == null || !n.isTextual() || n.textValue().isEmpty() || n.textValue().length() > 128) {
      throw refuse("\"" + name + "\" must be a string of 1-128 characters");
    }
    return n.textValue();
  }

  /** A code: a lower-case letter, then 1-63 of a-z, 0-9 and '-'. */
  public String code(JsonNode p, String name) {
    String s = text(p, name);
    if (!CODE.matcher(s).matches()) {
      throw refuse("\"" + name + "\" must be a code of a-z, 0-9 and '-'");
    }
    return s;
  }

  private TxRejectedException refuse(String message) {
    return new TxRejectedException(contract + "." + reason, message);
  }
}
