package org.govledger.services.certificate.catalogue;

/**
 * A catalogue could not be loaded: a type file is missing, unreadable, malformed, or describes an
 * invalid type, or two types clash. The message starts with the file (or directory) and says what
 * to fix. Checked, because a node loading extra types from its configuration must report this to
 * its operator rather than start without them.
 */
public final class CatalogueException extends Exception {
  public CatalogueException(String message) {
    super(message);
  }

  public CatalogueException(String message, Throwable cause) {
    super(message, cause);
  }
}
