package org.govledger.ledger.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A signature scheme and a hash function, chosen together per ledger at genesis. Every suite's
 * signatures are 64 raw bytes: Ed25519 as in RFC 8032; P-256 ECDSA and SM2 as {@code r || s}, 32
 * bytes each, big-endian (IEEE P1363, what WebCrypto produces), not DER.
 */
public enum CryptoSuite {
  /** Ed25519 (RFC 8032, deterministic) with SHA-256 for hashing. The default. */
  ED25519_SHA256("ed25519-sha256"),
  /** ECDSA on NIST P-256 over SHA-256, deterministic nonces (RFC 6979), with SHA-256. */
  P256_SHA256("p256-sha256"),
  /** SM2 signatures (GB/T 32918.2, user id {@code 1234567812345678}) with SM3. */
  SM2_SM3("sm2-sm3");

  private final String id;

  CryptoSuite(String id) {
    this.id = id;
  }

  /** The stable identifier written in genesis and key files, for example {@code ed25519-sha256}. */
  public String id() {
    return id;
  }

  /**
   * The suite with this {@link #id()}.
   *
   * @throws IllegalArgumentException naming the unknown id and the known ones
   */
  public static CryptoSuite fromId(String id) {
    for (CryptoSuite suite : values()) {
      if (suite.id.equals(id)) {
        return suite;
      }
    }
    String known = Arrays.stream(values()).map(CryptoSuite::id).collect(Collectors.joining(", "));
    throw new IllegalArgumentException(
        "unknown crypto suite \"" + id + "\"; known suites: " + known);
  }

  /** The hash function of this suite: SHA-256, or SM3 for {@code sm2-sm3}. */
  public HashFunction hash() {
    return switch (this) {
      case ED25519_SHA256, P256_SHA256 -> HashFunctions.sha256();
      case SM2_SM3 -> HashFunctions.sm3();
    };
  }

  /** Length in bytes of every signature of this suite: 64. */
  public int signatureLength() {
    return 64;
  }

  /** A new private key drawn from {@code random}. */
  public SigningKey generate(SecureRandom random) {
    return switch (this) {
      case ED25519_SHA256 -> Ed25519SigningKey.generate(random);
      case P256_SHA256 -> P256SigningKey.generate(random);
      case SM2_SM3 -> Sm2SigningKey.generate(random);
    };
  }

  /**
   * The key with this raw private key, as {@link SigningKey#privateKeyBytes()} writes it: the
   * 32-byte Ed25519 seed, or the 32-byte big-endian P-256 or SM2 scalar.
   *
   * @throws IllegalArgumentException if the length is wrong or the scalar is out of range (the
   *     message never contains the key)
   */
  public SigningKey signingKey(byte[] privateKey) {
    return switch (this) {
      case ED25519_SHA256 -> new Ed25519SigningKey(privateKey);
      case P256_SHA256 -> new P256SigningKey(privateKey);
      case SM2_SM3 -> new Sm2SigningKey(privateKey);
    };
  }

  /**
   * A verifier for this encoded public key: 32 raw bytes for Ed25519; for P-256 and SM2 a SEC1
   * point, 65 bytes uncompressed or 33 bytes compressed. Decode once and reuse the verifier: it is
   * thread-safe and decoding is the costly part.
   *
   * @throws IllegalArgumentException if the key has the wrong length or is not a valid point
   */
  public Verifier verifier(byte[] publicKey) {
    return switch (this) {
      case ED25519_SHA256 -> new Ed25519Verifier(publicKey);
      case P256_SHA256 -> new P256Verifier(publicKey);
      case SM2_SM3 -> new Sm2Verifier(publicKey);
    };
  }
}
