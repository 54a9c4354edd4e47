package org.govledger.ledger.crypto;

import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.govledger.ledger.VerificationException;

/**
 * ECDSA P-256 with SHA-256 verification (FIPS 186-5, SEC 1 section 4.1.4) of raw {@code r || s}
 * signatures. High-s values are accepted, as WebCrypto and the JDK produce them; so both (r, s)
 * and (r, n-s) verify, and nothing may identify a transaction by its signature bytes.
 */
final class P256Verifier implements Verifier {
  static final String ALGORITHM = "p256";

  /** BouncyCastle's specialised secp256r1 arithmetic, much faster than the generic curve code. */
  static final ECDomainParameters DOMAIN =
      new ECDomainParameters(CustomNamedCurves.getByName("secp256r1"));

  private final ECPublicKeyParameters publicKey;

  P256Verifier(byte[] publicKey) {
    this.publicKey =
        new ECPublicKeyParameters(
            CurveEncoding.decodePublicKey(DOMAIN, publicKey, ALGORITHM), DOMAIN);
  }

  @Override
  public void verify(byte[] message, byte[] signature) throws VerificationException {
    CurveEncoding.Signature rs = CurveEncoding.decodeSignature(DOMAIN, signature, ALGORITHM);
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, publicKey);
    if (!verifier.verifySignature(HashFunctions.sha256().digest(message), rs.r(), rs.s())) {
      throw new VerificationException(ALGORITHM + " signature does not verify");
    }
  }
}
