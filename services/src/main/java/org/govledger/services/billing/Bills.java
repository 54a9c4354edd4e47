package org.govledger.services.billing;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import org.govledger.ledger.json.Canonical;

/** Where bills and claims live in the world state, and how to read them. */
public final class Bills {
  static final String BILL = "billing/bill/";
  static final String CLAIM = "billing/claim/";
  static final String CLAIMANT = "billing/claimant/";
  static final String PRESCRIPTION = "billing/prescription/";
  static final String MEDICAL = "billing/medical/";
  static final Pattern NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,39}");
  static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  private Bills() {}

  /** A bill's id: {@code <biller>/<number>}, unique because a number is unique in its biller's series. */
  public static String billId(String biller, String number) {
    return biller + "/" + number;
  }

  static byte[] billKey(String billId) {
    return (BILL + billId).getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] claimKey(String id) {
    return (CLAIM + id).getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] prescriptionKey(String id) {
    return (PRESCRIPTION + id).getBytes(StandardCharsets.US_ASCII);
  }

  /** The prefix of a patient's medical records: appointments and prescriptions. */
  public static byte[] medicalPrefix(String subject) {
    return (MEDICAL + subject + "/").getBytes(StandardCharsets.US_ASCII);
  }

  public static byte[] claimantPrefix(String subject) {
    return (CLAIMANT + subject + "/").getBytes(StandardCharsets.US_ASCII);
  }

  public static Optional<JsonNode> bill(Function<byte[], Optional<byte[]>> state, String billId) {
    int slash = billId == null ? -1 : billId.indexOf('/');
    if (slash < 0 || !Party.ID.matcher(billId.substring(0, slash)).matches()
        || !NUMBER.matcher(billId.substring(slash + 1)).matches()) {
      return Optional.empty();
    }
    return state.apply(billKey(billId)).map(Canonical::read);
  }

  public static Optional<JsonNode> claim(Function<byte[], Optional<byte[]>> state, String id) {
    if (id == null || !HEX64.matcher(id).matches()) {
      return Optional.empty();
    }
    return state.apply(claimKey(id)).map(Canonical::read);
  }
}
