/**
 * E-bills and e-invoices: billers and payers registered by governance, bills whose digest and
 * amounts go on chain, and reimbursement claims that the contract keeps from ever paying a bill
 * twice, across all payers.
 */
package org.govledger.services.billing;
