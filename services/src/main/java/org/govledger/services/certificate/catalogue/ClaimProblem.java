package org.govledger.services.certificate.catalogue;

import java.util.Objects;

/**
 * One way a set of claims breaks its type's schema.
 *
 * @param path JSON Pointer (RFC 6901) to the offending field, or {@code ""} for the claims object
 *     itself; for a missing or unknown field it points at that field
 * @param message names the field and the rule it breaks, never the value it holds
 */
public record ClaimProblem(String path, String message) {
  public ClaimProblem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    if (!path.isEmpty() && !path.startsWith("/")) {
      throw new IllegalArgumentException(
          "path must be a JSON Pointer: empty or starting with '/', got " + path);
    }
    if (message.isBlank()) {
      throw new IllegalArgumentException("message must not be blank");
    }
  }

  @Override
  public String toString() {
    return (path.isEmpty() ? "(claims)" : path) + ": " + message;
  }
}
