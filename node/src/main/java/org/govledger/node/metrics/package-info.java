/** The node's Prometheus metrics. */
package org.govledger.node.metrics;
