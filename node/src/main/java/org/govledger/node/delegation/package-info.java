/**
 * Delegation over HTTP: grants and revocations carried to the ledger for their signers, and the
 * agency's application endpoint, which gathers and checks both parties' documents itself before
 * the ledger decides and counts the use.
 */
package org.govledger.node.delegation;
