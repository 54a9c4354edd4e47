/** The load generator behind govledger bench: nodes in child JVMs, HTTP load over kept-alive connections, and the machine's own limits measured in the same run. */
package org.govledger.node.load;
