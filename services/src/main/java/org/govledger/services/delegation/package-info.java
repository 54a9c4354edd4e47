/**
 * Delegation: a person, or a company through its legal representative, authorises someone to act
 * for them for given services, offices, times and a number of uses, possibly passing it on
 * (never wider). Grants are the grantor's signed statements, checked on chain; each use is
 * decided and counted on chain, atomically.
 */
package org.govledger.services.delegation;
