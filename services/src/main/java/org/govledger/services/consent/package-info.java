/**
 * Sharing by consent: the registry of verifiers (third parties, with the purposes and certificate
 * types they may ask for), the holder's signed consents and their withdrawal, and the record of
 * every access and refused attempt. No personal data: pseudonymous subjects, credential ids,
 * types, claim names, purposes and times.
 */
package org.govledger.services.consent;
