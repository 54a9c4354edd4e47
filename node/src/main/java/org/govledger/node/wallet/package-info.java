/**
 * The holder wallet store kept by the node (for now; a phone wallet takes its place later):
 * each holder's documents, encrypted at rest one record at a time, opened only by a request the
 * holder signed with a wallet key the identity authority bound to them.
 */
package org.govledger.node.wallet;
