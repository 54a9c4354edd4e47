/**
 * JSON as the ledger signs it: {@link org.govledger.ledger.json.StrictJson} reads untrusted bytes
 * and refuses anything ambiguous (duplicate keys, trailing content, numbers JavaScript cannot hold),
 * and {@link org.govledger.ledger.json.JsonCanonicalizer} writes the RFC 8785 (JCS) canonical bytes
 * that signatures and transaction ids are computed over. Both follow ECMAScript semantics, so a
 * browser using {@code JSON.stringify} with sorted keys produces the same bytes.
 */
package org.govledger.ledger.json;
