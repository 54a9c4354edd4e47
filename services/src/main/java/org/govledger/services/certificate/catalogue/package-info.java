/**
 * The catalogue of certificate types, kept as data: one JSON file per type (names in Chinese,
 * English and Arabic, who holds it, its SD-JWT VC type, default validity, and a JSON Schema 2020-12
 * for its claims), loaded and checked by {@link Catalogue}. A {@link CertificateType} checks a set
 * of claims and reports every problem without quoting the claims, which are personal data.
 */
package org.govledger.services.certificate.catalogue;
