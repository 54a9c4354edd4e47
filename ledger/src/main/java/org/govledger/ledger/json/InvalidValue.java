package org.govledger.ledger.json;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A value inside a tree has no canonical form. Unchecked and stackless so that the recursive writer
 * can collect the JSON Pointer while it unwinds; it is always turned into a {@link
 * JsonFormatException} before leaving this package.
 */
final class InvalidValue extends RuntimeException {
  private final String problem;
  private final Deque<String> path = new ArrayDeque<>();

  InvalidValue(String problem) {
    super(problem, null, false, false);
    this.problem = problem;
  }

  String problem() {
    return problem;
  }

  /** Records that the failing value sits under {@code segment} (a member name or array index). */
  InvalidValue under(String segment) {
    path.addFirst(segment);
    return this;
  }

  /** The path to the failing value as an RFC 6901 JSON Pointer, shortened for messages. */
  String pointer() {
    StringBuilder out = new StringBuilder();
    for (String segment : path) {
      out.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
    }
    return Excerpt.of(out.toString());
  }
}
