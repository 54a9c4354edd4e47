/** The {@code govledger} command line: start, keygen, submit, audit, verify-receipt, bench. */
package org.govledger.node.cli;
