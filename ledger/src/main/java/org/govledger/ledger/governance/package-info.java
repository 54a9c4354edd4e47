/**
 * Governance: the registry of signers and their roles, changed only by M-of-N approval of the
 * ledger's admins. The engine reads the registry to know who may sign.
 */
package org.govledger.ledger.governance;
