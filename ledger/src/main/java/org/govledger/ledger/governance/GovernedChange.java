package org.govledger.ledger.governance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.govledger.ledger.contract.TxContext;
import org.govledger.ledger.tx.TxRejectedException;

/**
 * A change that only the admins, M of N, may make, parsed and validated; carried out when the
 * proposal that holds it gathers enough approvals. Besides governance's own changes (add or
 * remove a signer, set the threshold), a service contributes its own kinds through {@link
 * Kind}: the agency registry is changed this way, so no single key can make an agency.
 */
public interface GovernedChange {
  /**
   * Carries the change out, in the transaction that brought the last approval.
   *
   * @throws TxRejectedException if the state no longer allows it (the approval is then refused,
   *     and the proposal stays open)
   */
  void apply(TxContext ctx) throws TxRejectedException;

  /** The change as it is stored in the proposal; {@link Kind#parse} reads it back. */
  ObjectNode toJson();

  /** A kind of change, named by the {@code action} member of the change's JSON. */
  interface Kind {
    /** The action name, for example {@code register-agency}. */
    String action();

    /**
     * Reads and validates a change of this kind.
     *
     * @throws TxRejectedException with code {@code governance.bad-change} naming what is wrong
     */
    GovernedChange parse(com.fasterxml.jackson.databind.JsonNode change) throws TxRejectedException;

    /**
     * A role whose holders may carry out changes of this kind alone, without the admins'
     * approval (the admins give the role with {@code add-signer}); empty: admins only, M of N.
     */
    default java.util.Optional<String> delegatedTo() {
      return java.util.Optional.empty();
    }

    /** This kind, also open to the holders of {@code role} alone. */
    default Kind delegatedTo(String role) {
      Kind admins = this;
      return new Kind() {
        @Override
        public String action() {
          return admins.action();
        }

        @Override
        public GovernedChange parse(com.fasterxml.jackson.databind.JsonNode change) {
          return admins.parse(change);
        }

        @Override
        public java.util.Optional<String> delegatedTo() {
          return java.util.Optional.of(role);
        }
      };
    }

    /** A kind named {@code action} whose changes {@code parse} reads. */
    static Kind of(String action,
        java.util.function.Function<com.fasterxml.jackson.databind.JsonNode, GovernedChange> parse) {
      return new Kind() {
        @Override
        public String action() {
          return action;
        }

        @Override
        public GovernedChange parse(com.fasterxml.jackson.databind.JsonNode change) {
          return parse.apply(change);
        }
      };
    }
  }

  /** The refusal a {@link Kind} throws for a malformed change. */
  static TxRejectedException badChange(String message) {
    return GovernanceContract.refuse("bad-change", message);
  }

  /** A refusal of governance, for a change that the state does not allow. */
  static TxRejectedException refused(String reason, String message) {
    return GovernanceContract.refuse(reason, message);
  }
}
