package org.govledger.node.http;

import io.javalin.Javalin;

/**
 * A group of HTTP routes that a service adds to the node's API, so that {@link HttpApi} does not
 * have to know every service. {@link org.govledger.node.Node} lists them.
 */
public interface Routes {
  void register(Javalin app);
}
