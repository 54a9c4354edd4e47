/**
 * Sharing by consent over HTTP, OpenID4VP 1.0 in shape: a registered verifier posts a signed
 * request and gets a QR code; the holder's wallet fetches the request, records its signed consent
 * (or refusal) on the ledger through the node, and posts the presentation to the response
 * endpoint; the node checks it, records the access (or the refused attempt) on the ledger, and
 * keeps the result for the verifier.
 */
package org.govledger.node.consent;
