package org.govledger.ledger.block;

import org.govledger.ledger.VerificationException;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.crypto.Verifier;
import org.govledger.ledger.merkle.NoteSigner;
import org.govledger.ledger.merkle.NoteVerifier;
import org.govledger.ledger.merkle.NoteVerifiers;
import org.govledger.ledger.tx.KeyId;

/**
 * How a node signs checkpoints, and how anyone who knows the node's public key checks them. The
 * checkpoint's origin names the ledger; the note key name names the ledger and the node key.
 */
public final class NodeSignatures {
  /** Signature type bytes of the C2SP signed-note key id: 0x01 is Ed25519 as the spec defines. */
  private static final byte ECDSA_P256 = 0x02;

  private static final byte SM2 = (byte) 0xfe;

  private NodeSignatures() {}

  /** The checkpoint origin line of {@code ledger}'s transaction log. */
  public static String origin(String ledger) {
    return "govledger/" + ledger;
  }

  /** The note key name of a node key: {@code <ledger>-node-<keyId>}. */
  public static String keyName(String ledger, KeyId node) {
    return ledger + "-node-" + node.value();
  }

  public static NoteSigner noteSigner(String ledger, SigningKey key) {
    String name = keyName(ledger, KeyId.of(key.suite(), key.publicKey()));
    return new SuiteNoteSigner(name, noteKeyId(name, key.suite(), key.publicKey()), key);
  }

  public static NoteVerifier noteVerifier(String ledger, CryptoSuite suite, byte[] publicKey) {
    String name = keyName(ledger, KeyId.of(suite, publicKey));
    return new SuiteNoteVerifier(
        name, noteKeyId(name, suite, publicKey), suite.verifier(publicKey));
  }

  private static int noteKeyId(String name, CryptoSuite suite, byte[] publicKey) {
    return NoteVerifiers.keyId(name, typeByte(suite), publicKey);
  }

  private record SuiteNoteSigner(String name, int keyId, SigningKey key) implements NoteSigner {
    @Override
    public byte[] sign(byte[] text) {
      return key.sign(text);
    }
  }

  private record SuiteNoteVerifier(String name, int keyId, Verifier verifier)
      implements NoteVerifier {
    @Override
    public void verify(byte[] text, byte[] signature) throws VerificationException {
      verifier.verify(text, signature);
    }
  }

  private static byte typeByte(CryptoSuite suite) {
    return switch (suite) {
      case ED25519_SHA256 -> NoteVerifiers.ED25519;
      case P256_SHA256 -> ECDSA_P256;
      case SM2_SM3 -> SM2;
    };
  }
}
