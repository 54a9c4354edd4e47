package org.govledger.services.certificate.catalogue;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Claims do not satisfy their certificate type's schema; {@link #problems()} lists every problem.
 * Checked, because a caller issuing a certificate must decide how to refuse bad claims (an API
 * answers 422 with the problems). The message names fields and rules, never claim values.
 */
public final class ClaimsRejectedException extends Exception {
  private final String typeId;
  private final List<ClaimProblem> problems;

  public ClaimsRejectedException(String typeId, List<ClaimProblem> problems) {
    super(describe(typeId, problems));
    this.typeId = typeId;
    this.problems = List.copyOf(problems);
  }

  /** The id of the certificate type whose schema the claims break. */
  public String typeId() {
    return typeId;
  }

  /** Every problem found, in path order; never empty. */
  public List<ClaimProblem> problems() {
    return problems;
  }

  private static String describe(String typeId, List<ClaimProblem> problems) {
    Objects.requireNonNull(typeId, "typeId");
    Objects.requireNonNull(problems, "problems");
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a rejection needs at least one problem");
    }
    return "claims do not fit certificate type '" + typeId + "' (" + problems.size()
        + (problems.size() == 1 ? " problem): " : " problems): ")
        + problems.stream().map(ClaimProblem::toString).collect(Collectors.joining("; "));
  }
}
