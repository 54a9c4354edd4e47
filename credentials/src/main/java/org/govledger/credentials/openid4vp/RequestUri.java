package org.govledger.credentials.openid4vp;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.govledger.credentials.CredentialException;

/**
 * What a verifier's QR code says: an OpenID4VP Authorization Request by reference (RFC 9101,
 * OpenID4VP 1.0 sections 3.2 and 5), {@code
 * openid4vp://?client_id=<id>&request_uri=<url>[&request_uri_method=get|post]}, with the {@code
 * openid4vp:} authorization endpoint of section 13.1.2. The wallet fetches the signed {@link
 * PresentationRequest} from {@code request_uri} and checks it with {@link
 * #verifyRequestObject}.
 *
 * @param clientId the verifier's {@code client_id}; the request object must carry the same
 * @param requestUri where the request object is served (http or https)
 * @param requestUriMethod {@code get} or {@code post} (section 5.1), if given; absent means GET
 */
public record RequestUri(String clientId, URI requestUri, Optional<String> requestUriMethod) {
  public static final String SCHEME = "openid4vp";
  /** The longest QR text accepted as a request URI. */
  public static final int MAX_LENGTH = 2048;

  private static final String PREFIX = SCHEME + "://?";
  private static final Set<String> PARAMETERS =
      Set.of("client_id", "request_uri", "request_uri_method");
  private static final String WHAT = "the scanned text";

  /** @throws IllegalArgumentException naming the value that is not acceptable */
  public RequestUri {
    PresentationRequest.checkClientId(clientId);
    Objects.requireNonNull(requestUri, "requestUri");
    httpUriProblem(requestUri.toString(), "request_uri").ifPresent(problem -> {
      throw new IllegalArgumentException(problem);
    });
    Objects.requireNonNull(requestUriMethod, "requestUriMethod");
    requestUriMethod.ifPresent(method -> {
      if (!method.equals("get") && !method.equals("post")) {
        throw new IllegalArgumentException("request_uri_method must be \"get\" or \"post\""
            + " (section 5.1)");
      }
    });
  }

  /** A request by reference fetched with GET. */
  public static RequestUri of(String clientId, URI requestUri) {
    return new RequestUri(clientId, requestUri, Optional.empty());
  }

  /** The text for the QR code: {@code openid4vp://?client_id=..&request_uri=..}. */
  public String toUriString() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("client_id", clientId);
    parameters.put("request_uri", requestUri.toString());
    requestUriMethod.ifPresent(method -> parameters.put("request_uri_method", method));
    return PREFIX + FormEncoding.encode(parameters);
  }

  /**
   * Reads scanned text. Refuses, each with {@link Openid4vpCodes#NOT_OURS} and a message saying
   * what is wrong: another scheme (an {@code https://} link is not a request), anything between
   * {@code openid4vp://} and {@code ?}, a fragment, a missing or repeated {@code client_id} or
   * {@code request_uri}, a {@code request_uri} that is not an absolute http(s) URL, a request by
   * value ({@code request}), and any other parameter.
   */
  public static RequestUri parse(String text) throws CredentialException {
    Objects.requireNonNull(text, "text");
    if (text.length() > MAX_LENGTH) {
      throw notOurs(WHAT + " is " + text.length() + " characters, longer than any request URI"
          + " of ours (" + MAX_LENGTH + ")");
    }
    if (!text.regionMatches(true, 0, SCHEME + ":", 0, SCHEME.length() + 1)) {
      throw notOurs(WHAT + " is not an OpenID4VP request: it does not start with \"" + PREFIX
          + "\"");
    }
    if (!text.startsWith("//?", SCHEME.length() + 1)) {
      throw notOurs(WHAT + " starts with \"openid4vp:\" but not \"" + PREFIX + "\"");
    }
    String query = text.substring(PREFIX.length());
    if (query.indexOf('#') >= 0) {
      throw notOurs(WHAT + " has a fragment ('#'), which a request URI never has");
    }
    Map<String, String> parameters;
    try {
      parameters = FormEncoding.decode(query, WHAT, Openid4vpCodes.NOT_OURS);
    } catch (CredentialException e) {
      throw notOurs(e.getMessage());
    }
    for (String name : parameters.keySet()) {
      if (name.equals("request")) {
        throw notOurs(WHAT + " carries the request by value; only requests by reference"
            + " (request_uri) are accepted");
      }
      if (!PARAMETERS.contains(name)) {
        throw notOurs(WHAT + " has the unexpected parameter " + FormEncoding.quoted(name)
            + "; a request URI has only client_id, request_uri and request_uri_method");
      }
    }
    return fromParameters(parameters);
  }

  private static RequestUri fromParameters(Map<String, String> parameters)
      throws CredentialException {
    String clientId = parameters.get("client_id");
    String requestUri = parameters.get("request_uri");
    if (clientId == null || clientId.isEmpty()) {
      throw notOurs(WHAT + " has no client_id");
    }
    if (requestUri == null || requestUri.isEmpty()) {
      throw notOurs(WHAT + " has no request_uri: there is no request to fetch");
    }
    Optional<String> problem = httpUriProblem(requestUri, "request_uri");
    if (problem.isPresent()) {
      throw notOurs(WHAT + ": " + problem.get());
    }
    try {
      return new RequestUri(clientId, new URI(requestUri),
          Optional.ofNullable(parameters.get("request_uri_method")));
    } catch (IllegalArgumentException | URISyntaxException e) {
      throw notOurs(WHAT + ": " + e.getMessage());
    }
  }

  /**
   * Fetched request object → checked request: {@link PresentationRequest#verify}, then that its
   * {@code client_id} is this URI's (section 5.10.1: they must be identical).
   *
   * @throws CredentialException the codes of {@code verify}, and {@link
   *     Openid4vpCodes#CLIENT_MISMATCH}
   */
  public PresentationRequest verifyRequestObject(String jws, VerifierKeys keys,
      long nowEpochSeconds) throws CredentialException {
    PresentationRequest.refusePrefix(clientId);
    PresentationRequest request = PresentationRequest.verify(jws, keys, nowEpochSeconds);
    if (!request.clientId().equals(clientId)) {
      throw new CredentialException(Openid4vpCodes.CLIENT_MISMATCH, "the QR code names"
          + " verifier \"" + PresentationRequest.shorten(clientId) + "\" but the request object"
          + " it points to is signed as \"" + PresentationRequest.shorten(request.clientId())
          + "\"");
    }
    return request;
  }

  /** Why {@code value} is not an absolute http(s) URL with a host and no fragment, if it is not. */
  static Optional<String> httpUriProblem(String value, String name) {
    if (value == null || value.isEmpty()) {
      return Optional.of(name + " is empty");
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      return Optional.of(name + " is not a URI: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return Optional.of(name + " must be an https (or http) URL, not "
          + (scheme.isEmpty() ? "a relative reference" : "a " + scheme + ": URI"));
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null) {
      return Optional.of(name + " must name a host, without user information");
    }
    if (uri.getRawFragment() != null) {
      return Optional.of(name + " must not have a fragment");
    }
    return Optional.empty();
  }

  private static CredentialException notOurs(String message) {
    return new CredentialException(Openid4vpCodes.NOT_OURS, message + " (a QR code that is not"
        + " ours)");
  }
}
