package org.govledger.services.certificate;

import java.util.Locale;

/**
 * What the ledger says of a certificate. The issuer sets the first three; the last two follow
 * from the validity period and the block time.
 */
public enum CertificateStatus {
  VALID,
  SUSPENDED,
  REVOKED,
  EXPIRED,
  NOT_YET_VALID;

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static CertificateStatus parse(String s) {
    for (CertificateStatus c : values()) {
      if (c.label().equals(s)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown certificate status " + s);
  }
}
