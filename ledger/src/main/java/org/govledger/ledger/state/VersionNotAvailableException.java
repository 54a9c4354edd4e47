package org.govledger.ledger.state;

/**
 * The state at a version cannot be read: it was pruned, or it was never written. Checked, because a
 * caller serving queries about old versions must answer this case (typically "410 Gone" for a
 * pruned version), not crash on it.
 */
public class VersionNotAvailableException extends Exception {
  private final long version;
  private final boolean pruned;

  VersionNotAvailableException(long version, boolean pruned, String message) {
    super(message);
    this.version = version;
    this.pruned = pruned;
  }

  /** The version that was asked for. */
  public long version() {
    return version;
  }

  /** True if the version was written once and has since been pruned. */
  public boolean pruned() {
    return pruned;
  }
}
