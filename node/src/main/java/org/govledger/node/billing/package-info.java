/**
 * E-bills over HTTP: bill records and their delivery to the holder's wallet, claims carried to
 * the ledger for the holder, and a live stream of a claim's progress (server-sent events).
 */
package org.govledger.node.billing;
