package org.govledger.consensus.raft;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A cluster's own certificate authority: it signs one TLS certificate per node (P-256, for
 * both server and client use, naming the node's Raft host), and every node trusts it alone. Its
 * private key is needed only to issue certificates; {@code cluster init} keeps it in the
 * cluster directory's {@code ca/} (with the operator, not in any node's data directory), and
 * {@code cluster add-node} uses it.
 */
public final class ClusterAuthority {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Duration VALIDITY = Duration.ofDays(3 * 365);

  private final KeyPair keys;
  private final X509Certificate certificate;
  private final SecureRandom random;

  private ClusterAuthority(KeyPair keys, X509Certificate certificate, SecureRandom random) {
    this.keys = keys;
    this.certificate = certificate;
    this.random = random;
  }

  /** A new authority for the cluster of {@code ledger}. */
  public static ClusterAuthority create(String ledger, SecureRandom random) {
    KeyPair keys = p256(random);
    X500Name name = new X500Name("CN=govledger cluster CA " + ledger);
    Instant now = Instant.now();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(random),
        Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), name,
        keys.getPublic());
    try {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      b.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return new ClusterAuthority(keys, sign(b, keys), random);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("could not build the CA certificate", e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * Writes the authority to {@code dir}: {@code ca.key} (PKCS #8 PEM, owner-readable only) and
   * {@code ca.crt}.
   */
  public void write(java.nio.file.Path dir) throws java.io.IOException {
    java.nio.file.Files.createDirectories(dir);
    NodeTls.writeKey(dir.resolve("ca.key"), keys.getPrivate());
    NodeTls.writeCertificate(dir.resolve("ca.crt"), certificate);
  }

  /** Reads an authority that {@link #write} wrote. */
  public static ClusterAuthority read(java.nio.file.Path dir, SecureRandom random)
      throws java.io.IOException {
    X509Certificate cert = NodeTls.readCertificate(dir.resolve("ca.crt"));
    return new ClusterAuthority(new KeyPair(cert.getPublicKey(), NodeTls.readKey(dir.resolve("ca.key"))),
        cert, random);
  }

  /** A key and certificate for {@code member}, for its Raft host, signed by this authority. */
  public NodeTls issue(ClusterMember member) {
    KeyPair nodeKeys = p256(random);
    Instant now = Instant.now();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
        new X500Name(certificate.getSubjectX500Principal().getName()), serial(random),
        Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)),
        new X500Name("CN=" + member.id()), nodeKeys.getPublic());
    try {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
          new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
          new GeneralName[] {hostName(member.host()), new GeneralName(GeneralName.dNSName, member.id())}));
      return new NodeTls(nodeKeys.getPrivate(), sign(b, keys), certificate);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("could not build the certificate of " + member.id(), e);
    }
  }

  /** The name TLS clients check: an IP address entry for an address, a DNS entry otherwise. */
  private static GeneralName hostName(String host) {
    if (IPV4.matcher(host).matches() || host.contains(":")) {
      try {
        InetAddress.getByName(host); // a literal: no lookup happens
      } catch (java.net.UnknownHostException e) {
        throw new IllegalArgumentException("not an IP address: " + host, e);
      }
      return new GeneralName(GeneralName.iPAddress, host);
    }
    return new GeneralName(GeneralName.dNSName, host);
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair issuer) {
    try {
      return new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    } catch (OperatorCreationException | java.security.cert.CertificateException e) {
      throw new IllegalStateException("could not sign a certificate", e);
    }
  }

  private static KeyPair p256(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot make P-256 keys", e);
    }
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(127, random).add(BigInteger.ONE);
  }
}
