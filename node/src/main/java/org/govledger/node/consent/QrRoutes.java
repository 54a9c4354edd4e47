package org.govledger.node.consent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.govledger.credentials.CredentialException;
import org.govledger.credentials.openid4vp.QrCodes;
import org.govledger.node.http.Json;
import org.govledger.node.http.Problem;
import org.govledger.node.http.Routes;

/**
 * QR codes for the web pages, which have no QR library of their own: {@code GET
 * /api/v1/qr.svg?text=} draws one (a wallet's public key for its identity authority), and {@code
 * POST /api/v1/qr/decode} reads one from a picture (a verifier's QR scanned by a camera or
 * uploaded), since Chromium on Linux has no {@code BarcodeDetector}. Both are pure functions of
 * their input: nothing is kept or logged, and what they carry is public (a public key, a request
 * URI).
 */
public final class QrRoutes implements Routes {
  /** The longest text drawn: a public JWK or a request URI is far shorter. */
  static final int MAX_TEXT = 1024;

  @Override
  public void register(Javalin app) {
    app.get("/api/v1/qr.svg", this::draw);
    app.post("/api/v1/qr/decode", this::decode);
  }

  private void draw(Context ctx) {
    String text = ctx.queryParam("text");
    if (text == null || text.isEmpty()) {
      throw Problem.badRequest("missing-text", "give the text to draw: ?text=…");
    }
    if (text.length() > MAX_TEXT) {
      throw Problem.badRequest("too-large", "the text is " + text.length() + " characters; at most "
          + MAX_TEXT + " are drawn");
    }
    ctx.header("Cache-Control", "no-store");
    ctx.contentType("image/svg+xml").result(QrCodes.svg(text));
  }

  /** The body is the picture itself (PNG, JPEG, …), at most {@link QrCodes#MAX_IMAGE_BYTES}. */
  private void decode(Context ctx) {
    byte[] image = ctx.bodyAsBytes();
    if (image.length == 0) {
      throw Problem.badRequest("no-qr-code", "send the picture as the request body");
    }
    String text;
    try {
      text = QrCodes.decode(image);
    } catch (CredentialException e) {
      int status = e.code().equals(CredentialException.TOO_LARGE) ? 413 : 422;
      throw new Problem(status, e.code(), "No QR code read", e.getMessage());
    }
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("text", text);
    Json.send(ctx, 200, o);
  }
}
