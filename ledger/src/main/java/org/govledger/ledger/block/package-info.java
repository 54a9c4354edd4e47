/** Block headers and how nodes sign them and their checkpoints. */
package org.govledger.ledger.block;
