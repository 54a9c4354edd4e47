/** The anchor contract: records that a document digest existed, who vouched for it, and when. */
package org.govledger.ledger.anchor;
