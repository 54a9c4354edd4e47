/** The runnable node: {@link org.govledger.node.Node} is the one place where store, engine, orderer and HTTP API are wired together; demo setup for a fresh data directory. */
package org.govledger.node;
