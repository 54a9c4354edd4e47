package org.govledger.ledger.anchor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.govledger.ledger.contract.Contract;
import org.govledger.ledger.contract.SignerRecord;
import org.govledger.ledger.contract.TxContext;
import org.govledger.ledger.json.Canonical;
import org.govledger.ledger.tx.TxRejectedException;

/**
 * Anchors the digest of a document held elsewhere: the simplest useful record, and the one the
 * demo data and the load generator use. {@code anchor/put} with body {@code {"digest": <64 hex>,
 * "note": <optional, up to 200 characters>}} records who anchored the digest and when; a digest
 * can be anchored once.
 *
 * <p>The record is {@code {"by": <signer key id>, "height": <block height>, "log": <the
 * transaction's log index>}}: who and when, and where the transaction is, which holds the rest
 * (the note, the nonce, the signature) and whose block holds the time. Copying those fields, and
 * the 64-character tx id, into every record made the state table the second largest thing on
 * disk.
 */
public final class AnchorContract implements Contract {
  public static final String NAME = "anchor";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final java.util.regex.Pattern DIGEST = java.util.regex.Pattern.compile("[0-9a-f]{64}");

  @Override
  public String name() {
    return NAME;
  }

  /** The state key of an anchored digest. */
  public static byte[] key(String digestHex) {
    return (NAME + "/" + digestHex).getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void execute(TxContext ctx) {
    if (!ctx.tx().type().action().equals("put")) {
      throw refuse("unknown-action", "anchor has one action, put; not " + ctx.tx().type().action());
    }
    SignerRecord signer = ctx.signer();
    if (!signer.hasRole(SignerRecord.ROLE_CLIENT) && !signer.hasRole(SignerRecord.ROLE_ADMIN)) {
      throw refuse("forbidden", "anchoring needs the client or admin role; " + signer.keyId()
          + " has " + signer.roles());
    }
    JsonNode body = ctx.body();
    String digest = body.path("digest").asText("");
    if (!DIGEST.matcher(digest).matches()) {
      throw refuse("bad-digest", "body.digest must be 64 lower-case hex digits (a SHA-256 or SM3"
          + " digest), got " + (body.has("digest") ? body.get("digest").getNodeType() : "nothing"));
    }
    JsonNode note = body.path("note");
    if (!note.isMissingNode() && (!note.isTextual() || note.textValue().length() > 200)) {
      throw refuse("bad-note", "body.note must be a string of at most 200 characters");
    }
    if (body.size() > (note.isMissingNode() ? 1 : 2)) {
      throw refuse("bad-body", "body has only \"digest\" and \"note\"");
    }
    byte[] key = key(digest);
    if (ctx.get(key).isPresent()) {
      throw refuse("exists", "digest " + digest + " is already anchored");
    }
    ObjectNode record = MAPPER.createObjectNode();
    record.put("by", signer.keyId().value());
    record.put("height", ctx.height());
    record.put("log", ctx.logIndex());
    ctx.put(key, Canonical.canonicalize(record));
  }

  private static TxRejectedException refuse(String reason, String message) {
    return new TxRejectedException(NAME + "." + reason, message);
  }
}
