/**
 * E-certificates: the catalogue of certificate types (data, not code), the contract that
 * anchors an issued credential's digest and keeps its status, and the issue and verify flows
 * that combine the credential format with what the ledger says.
 */
package org.govledger.services.certificate;
