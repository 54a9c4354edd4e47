package org.govledger.node.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One kept-alive HTTP/1.1 connection that POSTs or GETs and reads the answer, blocking. The load generator
 * uses a fixed set of these instead of {@link java.net.http.HttpClient}, which opens a connection
 * per outstanding request and spends more CPU per request than the node under test does on this
 * two-core machine.
 */
final class Http1Connection implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final String host;

  Http1Connection(URI node) throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(node.getHost(), node.getPort()), 5_000);
    socket.setSoTimeout(120_000);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    host = node.getHost() + ":" + node.getPort();
  }

  /** An HTTP status and body. */
  record Response(int status, byte[] body) {}

  /** POSTs a JSON body. */
  Response post(String pathAndQuery, byte[] body) throws IOException {
    return send("POST", pathAndQuery, Optional.of("application/json"), body, Map.of());
  }

  /** POSTs a body of {@code contentType} (a wallet's form-encoded {@code direct_post}, say). */
  Response post(String pathAndQuery, String contentType, byte[] body) throws IOException {
    return send("POST", pathAndQuery, Optional.of(contentType), body, Map.of());
  }

  /** GETs {@code pathAndQuery} with the given extra headers ({@code Authorization}, say). */
  Response get(String pathAndQuery, Map<String, String> headers) throws IOException {
    return send("GET", pathAndQuery, Optional.empty(), new byte[0], headers);
  }

  private Response send(String method, String pathAndQuery, Optional<String> contentType, byte[] body,
      Map<String, String> headers) throws IOException {
    StringBuilder head = new StringBuilder(method).append(' ').append(pathAndQuery)
        .append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
    contentType.ifPresent(t -> head.append("Content-Type: ").append(t).append("\r\n"));
    if (body.length > 0 || contentType.isPresent()) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    String status = line();
    if (!status.startsWith("HTTP/1.1 ")) {
      throw new IOException("not an HTTP/1.1 answer: " + status);
    }
    int code = Integer.parseInt(status.substring(9, 12));
    int length = -1;
    boolean chunked = false;
    for (String h = line(); !h.isEmpty(); h = line()) {
      String lower = h.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(h.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    return new Response(code, chunked ? chunkedBody() : in.readNBytes(Math.max(0, length)));
  }

  private byte[] chunkedBody() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (int size = Integer.parseInt(line().trim(), 16); size > 0;
        size = Integer.parseInt(line().trim(), 16)) {
      body.write(in.readNBytes(size));
      line();
    }
    line();
    return body.toByteArray();
  }

  private String line() throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed by the node");
      }
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
