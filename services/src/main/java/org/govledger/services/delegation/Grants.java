package org.govledger.services.delegation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.govledger.ledger.json.Canonical;

/** Where grants and decisions live in the world state, and how to read them. */
public final class Grants {
  static final String GRANT = "delegation/grant/";
  static final String DECISION = "delegation/decision/";
  static final Pattern ID = Pattern.compile("[0-9a-f]{64}");
  /** The longest chain of sub-grants followed. */
  public static final int MAX_CHAIN = 8;

  private Grants() {}

  static byte[] key(String id) {
    return (GRANT + id).getBytes(StandardCharsets.US_ASCII);
  }

  public static Optional<Grant> lookup(Function<byte[], Optional<byte[]>> state, String id) {
    if (id == null || !ID.matcher(id).matches()) {
      return Optional.empty();
    }
    return state.apply(key(id)).map(Canonical::read).map(Grant::fromJson);
  }

  /** The grant and its ancestors, leaf first, root last (at most {@link #MAX_CHAIN}). */
  public static List<Grant> chain(Function<byte[], Optional<byte[]>> state, Grant leaf) {
    List<Grant> chain = new ArrayList<>();
    Optional<Grant> at = Optional.of(leaf);
    while (at.isPresent() && chain.size() < MAX_CHAIN) {
      chain.add(at.get());
      at = at.get().parent().flatMap(p -> lookup(state, p));
    }
    return chain;
  }

  /** The prefix under which every grant is kept. */
  public static byte[] prefix() {
    return GRANT.getBytes(StandardCharsets.US_ASCII);
  }

  /** The prefix of the decisions taken under a grant (its uses and refusals). */
  public static byte[] decisionPrefix(String grantId) {
    return (DECISION + grantId + "/").getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] encode(Grant g) {
    return Canonical.canonicalize(g.toJson());
  }
}
