/**
 * The Java SDK: key files, building and signing transactions, talking to a node, and checking
 * receipts and proofs offline against a trusted node key.
 */
package org.govledger.client;
