/**
 * The e-certificate API: the catalogue of types, the agency and subject registries, a
 * certificate's record and status, and the public verify endpoint.
 */
package org.govledger.node.certificate;
