/**
 * Who is who on the ledger: agencies (issuers), registered by governance with the certificate
 * types they may issue, their keys and their parent agency; and subjects (persons and
 * companies) under pseudonymous ids, with the wallet keys the identity authority bound to them.
 */
package org.govledger.services.identity;
