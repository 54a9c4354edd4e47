package org.govledger.node.http;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import org.govledger.consensus.Orderer;
import org.govledger.ledger.engine.Engine;
import org.govledger.ledger.tx.TransactionCodec;
import org.govledger.node.metrics.NodeMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP server: the JSON API under {@code /api/v1}, its OpenAPI document, Prometheus
 * metrics at {@code /metrics}, and the web UI (static files under {@code /web} on the classpath) at
 * {@code /}. Every error is problem+json.
 */
public final class HttpApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

  /** Most open client connections; more wait in the accept queue. */
  static final int MAX_CONNECTIONS = 512;

  private final Javalin app;

  public HttpApi(Engine engine, Orderer orderer, TransactionCodec codec, NodeMetrics metrics) {
    this(engine, orderer, codec, metrics, java.util.List.of());
  }

  /** The API with the routes of the services besides the ledger's own. */
  public HttpApi(Engine engine, Orderer orderer, TransactionCodec codec, NodeMetrics metrics,
      java.util.List<Routes> services) {
    byte[] openapi = resource("/openapi.json");
    app = Javalin.create(cfg -> {
      cfg.showJavalinBanner = false;
      // Our own check gives the precise problem; this is the backstop for every other route.
      cfg.http.maxRequestSize = BatchRoute.maxBatchBytes(codec) + 1024L;
      // Jetty keeps about 100 KB of buffers per open connection: bound them, so that many
      // clients make the node queue connections rather than run out of heap.
      cfg.jetty.modifyServer(server -> server.addBean(
          new org.eclipse.jetty.server.ConnectionLimit(MAX_CONNECTIONS, server)));
      cfg.staticFiles.add(s -> {
        s.hostedPath = "/";
        s.directory = "/web";
        s.location = Location.CLASSPATH;
      });
    });
    Submissions submissions = new Submissions(engine, orderer, metrics);
    new TransactionRoutes(engine.view(), codec, submissions).register(app);
    new BatchRoute(codec, submissions).register(app);
    new LedgerRoutes(engine, orderer, codec).register(app);
    services.forEach(r -> r.register(app));
    app.get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openapi));
    app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
    app.exception(Problem.class, (p, ctx) -> p.render(ctx));
    // a node transaction (a consent carried, an access record) that finds the mempool full
    app.exception(org.govledger.consensus.MempoolFullException.class,
        (e, ctx) -> Problems.mempoolFull(e).render(ctx));
    app.exception(HttpResponseException.class, (e, ctx) -> fromJavalin(e, ctx.path()).render(ctx));
    app.exception(IllegalArgumentException.class, (e, ctx) ->
        Problem.badRequest("bad-request", e.getMessage()).render(ctx));
    app.exception(Exception.class, (e, ctx) -> {
      LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
      new Problem(500, "internal", "Internal error",
          "the node failed to answer; its log has the details").render(ctx);
    });
  }

  /** Javalin's own refusals (no route, body too large, wrong method) as problems. */
  private static Problem fromJavalin(HttpResponseException e, String path) {
    return switch (e.getStatus()) {
      case 404 -> Problem.notFound("no such resource: " + path + "; the API is under /api/v1");
      case 405 -> new Problem(405, "method-not-allowed", "Method not allowed", e.getMessage());
      case 413 -> new Problem(413, "too-large", "Request too large", e.getMessage());
      default -> new Problem(e.getStatus(), "http-" + e.getStatus(), "Request refused", e.getMessage());
    };
  }

  private static byte[] resource(String name) {
    try (InputStream in = HttpApi.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + name, e);
    }
  }

  /** Starts listening; returns the port (useful with port 0). */
  public int start(String host, int port) {
    app.start(host, port);
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
