/** The HTTP API under /api/v1 (Javalin): routes, RFC 9457 problems, the batch endpoint, the status page and metrics. */
package org.govledger.node.http;
