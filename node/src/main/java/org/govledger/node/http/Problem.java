package org.govledger.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

/**
 * An RFC 9457 problem: thrown by a handler, rendered as {@code application/problem+json} with a
 * stable {@code type} ({@code urn:govledger:problem:<code>}) that clients can switch on.
 */
public final class Problem extends RuntimeException {
  static final String TYPE_PREFIX = "urn:govledger:problem:";

  private final int status;
  private final String code;
  private final String title;
  private final Integer retryAfter;

  public Problem(int status, String code, String title, String detail) {
    this(status, code, title, detail, null);
  }

  Problem(int status, String code, String title, String detail, Integer retryAfterSeconds) {
    super(detail);
    this.status = status;
    this.code = code;
    this.title = title;
    this.retryAfter = retryAfterSeconds;
  }

  public static Problem badRequest(String code, String detail) {
    return new Problem(400, code, "Bad request", detail);
  }

  public static Problem notFound(String detail) {
    return new Problem(404, "not-found", "Not found", detail);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** Writes this problem as the response (for handlers that answer from a future). */
  public void render(Context ctx) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("type", TYPE_PREFIX + code);
    o.put("title", title);
    o.put("status", status);
    o.put("detail", getMessage());
    o.put("instance", ctx.path());
    if (retryAfter != null) {
      ctx.header("Retry-After", retryAfter.toString());
    }
    ctx.status(status).contentType("application/problem+json").result(Json.bytes(o));
  }
}
