package org.govledger.ledger.crypto;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.govledger.ledger.VerificationException;

/**
 * SM2 verification (GB/T 32918.2-2016 section 7) on the recommended curve sm2p256v1 with SM3, of
 * raw {@code r || s} signatures. The signer's identity enters through Z_A, computed with the
 * default user id of GM/T 0009-2012, {@code 1234567812345678}.
 */
final class Sm2Verifier implements Verifier {
  static final String ALGORITHM = "sm2";

  static final ECDomainParameters DOMAIN =
      new ECDomainParameters(CustomNamedCurves.getByName("sm2p256v1"));

  static final byte[] DEFAULT_USER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

  private final ECDomainParameters domain;
  private final ParametersWithID publicKey;

  Sm2Verifier(byte[] publicKey) {
    this(DOMAIN, DEFAULT_USER_ID, publicKey);
  }

  /** For the standard's worked examples only: another curve and another user id. */
  Sm2Verifier(ECDomainParameters domain, byte[] userId, byte[] publicKey) {
    this.domain = domain;
    this.publicKey =
        new ParametersWithID(
            new ECPublicKeyParameters(
                CurveEncoding.decodePublicKey(domain, publicKey, ALGORITHM), domain),
            userId.clone());
  }

  @Override
  public void verify(byte[] message, byte[] signature) throws VerificationException {
    CurveEncoding.decodeSignature(domain, signature, ALGORITHM);
    SM2Signer verifier = new SM2Signer(PlainDSAEncoding.INSTANCE, new SM3Digest());
    verifier.init(false, publicKey);
    verifier.update(message, 0, message.length);
    if (!verifier.verifySignature(signature)) {
      throw new VerificationException(ALGORITHM + " signature does not verify");
    }
  }
}
