package org.govledger.services.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.govledger.credentials.CredentialException;
import org.govledger.credentials.SignedStatement;
import org.govledger.ledger.contract.BodyFields;
import org.govledger.ledger.contract.Contract;
import org.govledger.ledger.contract.SignerRecord;
import org.govledger.ledger.contract.TxContext;
import org.govledger.ledger.crypto.HashFunction;
import org.govledger.ledger.json.Canonical;
import org.govledger.ledger.tx.TxRejectedException;
import org.govledger.services.identity.Subject;
import org.govledger.services.identity.Subjects;

/**
 * Bills and their reimbursement. The contract, not the API, keeps a bill from being paid twice:
 * for every bill, what payers approved plus what open claims reserve never exceeds its
 * reimbursable amount (the amount less what was covered at the counter), whoever the payers.
 * Amounts are integers in the currency's minor unit (fen for CNY). Actions:
 *
 * <ul>
 *   <li>{@code billing/issue} (a biller) {@code {number, holder, category, currency, amount, tax,
 *       covered, digest}}; {@code billing/void} (the same biller) {@code {number, reason}}, only
 *       before any claim;
 *   <li>{@code billing/claim} (carried by a node) {@code {statement}}: the holder's {@value
 *       #CLAIM_TYP} statement {@code {claimant, payer, currency, items: [{bill, amount}], iat}};
 *   <li>{@code billing/review}, {@code billing/approve} ({@code items: [{bill, amount}]}), {@code
 *       billing/reject} ({@code reason}), {@code billing/pay} ({@code reference}), each {@code
 *       {claim, ...}} by the claim's payer, in that order: submitted, under-review, approved or
 *       rejected, paid.
 *   <li>Medical records the patient sees: {@code billing/appointment} {@code {number, holder,
 *       department, at}} and {@code billing/prescribe} {@code {number, holder, digest}} by a
 *       medical biller; {@code billing/dispense} and {@code billing/pickup} {@code
 *       {prescription}} by a pharmacy (a biller of category {@code pharmacy}): a prescription is
 *       dispensed at most once, and picked up after it is dispensed.
 * </ul>
 */
public final class BillingContract implements Contract {
  public static final String NAME = "billing";
  public static final String CLAIM_TYP = "govledger-claim+jwt";
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
  private static final long MAX_AMOUNT = 1L << 50;

  private static final BodyFields FIELDS = new BodyFields(NAME, "bad-body");
  private final HashFunction hash;

  public BillingContract(HashFunction ledgerHash) {
    this.hash = ledgerHash;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void execute(TxContext ctx) {
    switch (ctx.tx().type().action()) {
      case "issue" -> issue(ctx);
      case "void" -> voidBill(ctx);
      case "claim" -> claim(ctx);
      case "review" -> transition(ctx, Set.of("submitted"), "under-review");
      case "approve" -> approve(ctx);
      case "reject" -> reject(ctx);
      case "pay" -> transition(ctx, Set.of("approved"), "paid");
      case "appointment" -> appointment(ctx);
      case "prescribe" -> prescribe(ctx);
      case "dispense" -> dispensing(ctx, "prescribed", "dispensed");
      case "pickup" -> dispensing(ctx, "dispensed", "picked-up");
      default -> throw refuse("unknown-action", "billing has actions issue, void, claim, review, approve,"
          + " reject and pay, not " + ctx.tx().type().action());
    }
  }

  public static String claimIdOf(HashFunction ledgerHash, String statement) {
    return HexFormat.of().formatHex(ledgerHash.digest(statement.getBytes(StandardCharsets.US_ASCII)));
  }

  private Party party(TxContext ctx, String role) {
    Party p = Party.ofKey(ctx::get, ctx.signer().keyId())
        .orElseThrow(() -> refuse("not-a-party", ctx.signer().keyId() + " is not a biller's or payer's key"));
    if (!p.role().equals(role)) {
      throw refuse("wrong-role", p.id() + " is a " + p.role() + ", not a " + role);
    }
    return p;
  }

  private void issue(TxContext ctx) {
    Party biller = party(ctx, "biller");
    JsonNode b = ctx.body();
    String number = FIELDS.text(b, "number");
    if (!Bills.NUMBER.matcher(number).matches()) {
      throw refuse("bad-body", "\"number\" is 1-40 letters, digits and '-', unique in the biller's series");
    }
    String holder = FIELDS.text(b, "holder");
    if (Subjects.lookup(ctx::get, holder).isEmpty()) {
      throw refuse("unknown-subject", "holder " + holder + " is not a registered subject");
    }
    String currency = FIELDS.text(b, "currency");
    if (!CURRENCY.matcher(currency).matches()) {
      throw refuse("bad-body", "\"currency\" is an ISO 4217 code such as CNY");
    }
    long amount = amount(b, "amount");
    long tax = amount(b, "tax");
    long covered = amount(b, "covered");
    if (amount == 0 || tax > amount || covered > amount) {
      throw refuse("amounts-do-not-add-up", "the amount must be positive, and tax and the part covered at the"
          + " counter at most the amount");
    }
    String digest = FIELDS.text(b, "digest");
    if (!Bills.HEX64.matcher(digest).matches()) {
      throw refuse("bad-body", "\"digest\" is the 64-hex-digit ledger hash of the bill document");
    }
    String billId = Bills.billId(biller.id(), number);
    if (ctx.get(Bills.billKey(billId)).isPresent()) {
      throw refuse("bill-exists", "bill " + number + " is already in " + biller.id() + "'s series");
    }
    ObjectNode bill = JsonNodeFactory.instance.objectNode();
    bill.put("id", billId);
    bill.put("biller", biller.id());
    bill.put("number", number);
    bill.put("holder", holder);
    bill.put("category", biller.category());
    bill.put("currency", currency);
    bill.put("amount", amount);
    bill.put("tax", tax);
    bill.put("covered", covered);
    bill.put("reimbursable", amount - covered);
    bill.put("reserved", 0);
    bill.put("approved", 0);
    bill.put("digest", digest);
    bill.put("status", "issued");
    bill.put("issuedAt", ctx.blockTime());
    bill.putArray("claims");
    bill.put("tx", ctx.tx().id().toString());
    ctx.put(Bills.billKey(billId), Canonical.canonicalize(bill));
  }

  private void voidBill(TxContext ctx) {
    Party biller = party(ctx, "biller");
    String billId = Bills.billId(biller.id(), FIELDS.text(ctx.body(), "number"));
    ObjectNode bill = (ObjectNode) Bills.bill(ctx::get, billId)
        .orElseThrow(() -> refuse("unknown-bill", "no bill " + billId));
    if (bill.path("status").asText().equals("voided")) {
      throw refuse("voided", "bill " + billId + " is already voided");
    }
    if (!bill.path("claims").isEmpty()) {
      throw refuse("claimed", "bill " + billId + " has claims; a red-letter void comes before any claim");
    }
    bill.put("status", "voided");
    bill.put("voidReason", FIELDS.code(ctx.body(), "reason"));
    bill.put("voidedAt", ctx.blockTime());
    ctx.put(Bills.billKey(billId), Canonical.canonicalize(bill));
  }

  private void claim(TxContext ctx) {
    if (!ctx.signer().hasRole(SignerRecord.ROLE_NODE)) {
      throw refuse("forbidden", "claims are the holder's statements, carried by a node");
    }
    String statement = ctx.body().path("statement").asText("");
    SignedStatement.Verified s;
    try {
      s = SignedStatement.verify(statement, CLAIM_TYP);
    } catch (CredentialException e) {
      throw refuse("bad-signature", "the claim does not verify: " + e.getMessage());
    }
    JsonNode p = s.payload();
    String claimant = FIELDS.text(p, "claimant");
    Subject sub = Subjects.lookup(ctx::get, claimant)
        .orElseThrow(() -> refuse("unknown-subject", "no subject " + claimant));
    if (sub.key(s.key().thumbprint()).filter(k -> k.validAt(ctx.blockTime())).isEmpty()) {
      throw refuse("bad-signature", "the claim is signed by a key not bound to " + claimant);
    }
    String payerId = FIELDS.text(p, "payer");
    Party payer = Party.lookup(ctx::get, payerId).filter(x -> x.role().equals("payer"))
        .orElseThrow(() -> refuse("unknown-payer", payerId + " is not a registered payer"));
    String currency = FIELDS.text(p, "currency");
    JsonNode items = p.path("items");
    if (!items.isArray() || items.isEmpty() || items.size() > 50) {
      throw refuse("bad-body", "\"items\" lists 1-50 {bill, amount}");
    }
    String id = claimIdOf(hash, statement);
    if (Bills.claim(ctx::get, id).isPresent()) {
      throw refuse("claim-exists", "this claim was filed already");
    }
    Map<String, ObjectNode> bills = new HashMap<>();
    ArrayNode stored = JsonNodeFactory.instance.arrayNode();
    for (JsonNode item : items) {
      String billId = FIELDS.text(item, "bill");
      if (bills.containsKey(billId)) {
        throw refuse("bad-body", "bill " + billId + " is listed twice");
      }
      ObjectNode bill = (ObjectNode) Bills.bill(ctx::get, billId)
          .orElseThrow(() -> refuse("unknown-bill", "no bill " + billId));
      if (bill.path("status").asText().equals("voided")) {
        throw refuse("voided", "bill " + billId + " was voided");
      }
      if (!bill.path("holder").asText().equals(claimant)) {
        throw refuse("not-your-bill", "bill " + billId + " belongs to someone else");
      }
      if (!bill.path("currency").asText().equals(currency)) {
        throw refuse("currency-mismatch", "bill " + billId + " is in " + bill.path("currency").asText()
            + ", the claim in " + currency);
      }
      long amount = amount(item, "amount");
      long left = bill.path("reimbursable").asLong() - bill.path("approved").asLong() - bill.path("reserved").asLong();
      if (amount == 0 || amount > left) {
        throw refuse("over-claim", "bill " + billId + " has " + left + " left to reimburse (not approved and not"
            + " in an open claim); the claim asks " + amount);
      }
      bill.put("reserved", bill.path("reserved").asLong() + amount);
      ((ArrayNode) bill.path("claims")).add(id);
      bills.put(billId, bill);
      ObjectNode x = stored.addObject();
      x.put("bill", billId);
      x.put("amount", amount);
    }
    bills.forEach((billId, bill) -> ctx.put(Bills.billKey(billId), Canonical.canonicalize(bill)));
    ObjectNode c = JsonNodeFactory.instance.objectNode();
    c.put("id", id);
    c.put("claimant", claimant);
    c.put("payer", payer.id());
    c.put("currency", currency);
    c.set("items", stored);
    c.put("status", "submitted");
    ObjectNode h = c.putArray("history").addObject();
    h.put("status", "submitted");
    h.put("time", ctx.blockTime());
    h.put("tx", ctx.tx().id().toString());
    ctx.put(Bills.claimKey(id), Canonical.canonicalize(c));
    ctx.put((new String(Bills.claimantPrefix(claimant), StandardCharsets.US_ASCII) + id).getBytes(StandardCharsets.US_ASCII),
        new byte[] {1});
  }

  /** The claim named in the body, which must be the signing payer's. */
  private ObjectNode payersClaim(TxContext ctx) {
    Party payer = party(ctx, "payer");
    String id = FIELDS.text(ctx.body(), "claim");
    ObjectNode c = (ObjectNode) Bills.claim(ctx::get, id).orElseThrow(() -> refuse("unknown-claim", "no claim " + id));
    if (!c.path("payer").asText().equals(payer.id())) {
      throw refuse("not-your-claim", "claim " + id + " is filed with " + c.path("payer").asText() + ", not " + payer.id());
    }
    return c;
  }

  private ObjectNode move(TxContext ctx, ObjectNode c, Set<String> from, String to) {
    String status = c.path("status").asText();
    if (!from.contains(status)) {
      throw refuse("out-of-order", "claim " + c.path("id").asText() + " is " + status + "; it cannot become " + to
          + " (it must be " + new TreeSet<>(from) + ")");
    }
    c.put("status", to);
    ObjectNode h = ((ArrayNode) c.path("history")).addObject();
    h.put("status", to);
    h.put("time", ctx.blockTime());
    h.put("tx", ctx.tx().id().toString());
    return h;
  }

  private void transition(TxContext ctx, Set<String> from, String to) {
    ObjectNode c = payersClaim(ctx);
    ObjectNode h = move(ctx, c, from, to);
    if (to.equals("paid")) {
      String ref = FIELDS.text(ctx.body(), "reference");
      if (!REFERENCE.matcher(ref).matches()) {
        throw refuse("bad-body", "\"reference\" is the payment reference, 1-64 letters, digits and '-'");
      }
      h.put("reference", ref);
    }
    ctx.put(Bills.claimKey(c.path("id").asText()), Canonical.canonicalize(c));
  }

  private void approve(TxContext ctx) {
    ObjectNode c = payersClaim(ctx);
    ObjectNode h = move(ctx, c, Set.of("under-review"), "approved");
    Map<String, Long> approved = new HashMap<>();
    for (JsonNode x : ctx.body().path("items")) {
      approved.put(FIELDS.text(x, "bill"), amount(x, "amount"));
    }
    long total = 0;
    for (JsonNode item : c.path("items")) {
      String billId = item.path("bill").asText();
      long claimed = item.path("amount").asLong();
      long ok = approved.getOrDefault(billId, 0L);
      if (ok > claimed) {
        throw refuse("over-claim", "approving " + ok + " of bill " + billId + ", more than the " + claimed + " claimed");
      }
      ObjectNode bill = (ObjectNode) Bills.bill(ctx::get, billId).orElseThrow();
      bill.put("reserved", bill.path("reserved").asLong() - claimed);
      bill.put("approved", bill.path("approved").asLong() + ok);
      ctx.put(Bills.billKey(billId), Canonical.canonicalize(bill));
      ((ObjectNode) item).put("approved", ok);
      total += ok;
      approved.remove(billId);
    }
    if (!approved.isEmpty()) {
      throw refuse("bad-body", "the approval names bills that are not in the claim: " + approved.keySet());
    }
    h.put("amount", total);
    ctx.put(Bills.claimKey(c.path("id").asText()), Canonical.canonicalize(c));
  }

  private void reject(TxContext ctx) {
    ObjectNode c = payersClaim(ctx);
    ObjectNode h = move(ctx, c, Set.of("submitted", "under-review"), "rejected");
    h.put("reason", FIELDS.code(ctx.body(), "reason"));
    for (JsonNode item : c.path("items")) {
      ObjectNode bill = (ObjectNode) Bills.bill(ctx::get, item.path("bill").asText()).orElseThrow();
      bill.put("reserved", bill.path("reserved").asLong() - item.path("amount").asLong());
      ctx.put(Bills.billKey(item.path("bill").asText()), Canonical.canonicalize(bill));
    }
    ctx.put(Bills.claimKey(c.path("id").asText()), Canonical.canonicalize(c));
  }

  private void appointment(TxContext ctx) {
    Party hospital = medicalBiller(ctx);
    JsonNode b = ctx.body();
    String number = number(b);
    String holder = holder(ctx, b);
    ObjectNode r = JsonNodeFactory.instance.objectNode();
    r.put("kind", "appointment");
    r.put("id", Bills.billId(hospital.id(), number));
    r.put("biller", hospital.id());
    r.put("holder", holder);
    r.put("department", FIELDS.code(b, "department"));
    r.put("at", amount(b, "at"));
    r.put("time", ctx.blockTime());
    putMedical(ctx, holder, "appointment/" + hospital.id() + "/" + number, r);
  }

  private void prescribe(TxContext ctx) {
    Party hospital = medicalBiller(ctx);
    JsonNode b = ctx.body();
    String number = number(b);
    String holder = holder(ctx, b);
    String digest = FIELDS.text(b, "digest");
    if (!Bills.HEX64.matcher(digest).matches()) {
      throw refuse("bad-body", "\"digest\" is the 64-hex-digit hash of the prescription document");
    }
    String id = Bills.billId(hospital.id(), number);
    if (ctx.get(Bills.prescriptionKey(id)).isPresent()) {
      throw refuse("prescription-exists", "prescription " + id + " exists");
    }
    ObjectNode r = JsonNodeFactory.instance.objectNode();
    r.put("kind", "prescription");
    r.put("id", id);
    r.put("biller", hospital.id());
    r.put("holder", holder);
    r.put("digest", digest);
    r.put("status", "prescribed");
    r.put("time", ctx.blockTime());
    ctx.put(Bills.prescriptionKey(id), Canonical.canonicalize(r));
    putMedical(ctx, holder, "prescription/" + id, r);
  }

  private void dispensing(TxContext ctx, String from, String to) {
    Party pharmacy = party(ctx, "biller");
    if (!pharmacy.category().equals("pharmacy")) {
      throw refuse("not-a-pharmacy", pharmacy.id() + " is not a registered pharmacy");
    }
    String id = FIELDS.text(ctx.body(), "prescription");
    ObjectNode r = (ObjectNode) ctx.get(Bills.prescriptionKey(id)).map(Canonical::read)
        .orElseThrow(() -> refuse("unknown-prescription", "no prescription " + id));
    String status = r.path("status").asText();
    if (!status.equals(from)) {
      throw refuse(status.equals("prescribed") ? "out-of-order" : "already-" + status,
          "prescription " + id + " is " + status + "; it cannot be " + to);
    }
    if (to.equals("picked-up") && !r.path("pharmacy").asText().equals(pharmacy.id())) {
      throw refuse("not-your-prescription", "prescription " + id + " was dispensed by " + r.path("pharmacy").asText());
    }
    r.put("status", to);
    r.put("pharmacy", pharmacy.id());
    r.put(to.equals("dispensed") ? "dispensedAt" : "pickedUpAt", ctx.blockTime());
    ctx.put(Bills.prescriptionKey(id), Canonical.canonicalize(r));
    putMedical(ctx, r.path("holder").asText(), "prescription/" + id, r);
  }

  private Party medicalBiller(TxContext ctx) {
    Party p = party(ctx, "biller");
    if (!p.category().equals("medical")) {
      throw refuse("not-medical", p.id() + " is a " + p.category() + " biller, not a medical one");
    }
    return p;
  }

  private static String number(JsonNode b) {
    String number = FIELDS.text(b, "number");
    if (!Bills.NUMBER.matcher(number).matches()) {
      throw refuse("bad-body", "\"number\" is 1-40 letters, digits and '-'");
    }
    return number;
  }

  private static String holder(TxContext ctx, JsonNode b) {
    String holder = FIELDS.text(b, "holder");
    if (Subjects.lookup(ctx::get, holder).isEmpty()) {
      throw refuse("unknown-subject", "holder " + holder + " is not a registered subject");
    }
    return holder;
  }

  /** The patient's own list of medical records, under their subject. */
  private static void putMedical(TxContext ctx, String holder, String name, ObjectNode r) {
    ctx.put((new String(Bills.medicalPrefix(holder), StandardCharsets.US_ASCII) + name).getBytes(StandardCharsets.US_ASCII),
        Canonical.canonicalize(r));
  }



  private static long amount(JsonNode p, String name) {
    JsonNode n = p.get(name);
    if (n == null || !n.isIntegralNumber() || n.asLong() < 0 || n.asLong() > MAX_AMOUNT) {
      throw refuse("bad-amount", "\"" + name + "\" must be a whole number of the currency's minor unit (fen), 0 or more");
    }
    return n.asLong();
  }

  static TxRejectedException refuse(String reason, String message) {
    return new TxRejectedException(NAME + "." + reason, message);
  }
}
