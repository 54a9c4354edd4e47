package org.govledger.credentials;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link SdJwtVerifier#verify}: every check in order, and what the credential
 * says once its format and issuer signature have checked out.
 *
 * @param checks format, issuer-signature, disclosures, validity-period, holder-binding
 * @param contents present when the format and issuer-signature checks passed
 */
public record CredentialVerification(List<Check> checks, Optional<CredentialContents> contents) {
  public CredentialVerification {
    checks = List.copyOf(checks);
    Objects.requireNonNull(contents, "contents");
  }

  /** True if and only if every check ran and passed. */
  public boolean valid() {
    return !checks.isEmpty()
        && checks.stream().allMatch(c -> c.outcome() == Check.Outcome.PASSED);
  }

  /** The checks that failed, in order. */
  public List<Check> failures() {
    return checks.stream().filter(c -> c.outcome() == Check.Outcome.FAILED).toList();
  }

  /** The check with this name, one of the {@code Check} constants. */
  public Optional<Check> check(String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
