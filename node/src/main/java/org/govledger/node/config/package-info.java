/** A node's configuration, with its defaults in one place. */
package org.govledger.node.config;
