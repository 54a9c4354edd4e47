package org.govledger.consensus.raft;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.function.Predicate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.apache.ratis.grpc.GrpcTlsConfig;

/**
 * One node's TLS material for Raft traffic: its private key and certificate, and the cluster's
 * certificate authority, which is the only issuer it trusts. Every connection between nodes is
 * mutual TLS: each side shows a certificate that authority signed.
 *
 * <p>On disk, in a node's {@code tls/} directory: {@code node.key} (PKCS #8, PEM, readable by
 * the owner only), {@code node.crt} and {@code ca.crt} (PEM).
 */
public record NodeTls(PrivateKey key, X509Certificate certificate, X509Certificate authority) {
  public static final String KEY_FILE = "node.key";
  public static final String CERT_FILE = "node.crt";
  public static final String CA_FILE = "ca.crt";

  /** Reads the material in {@code dir}; names the file that is missing or broken. */
  public static NodeTls read(Path dir) throws IOException {
    return new NodeTls(readKey(dir.resolve(KEY_FILE)), readCertificate(dir.resolve(CERT_FILE)),
        readCertificate(dir.resolve(CA_FILE)));
  }

  /**
   * Ratis's gRPC TLS settings: this key and certificate, mutual, trusting only the authority's
   * certificates, and none of a node that {@code removed} names.
   */
  GrpcTlsConfig grpc(Predicate<String> removed) {
    return new GrpcTlsConfig(keyManager(), new MemberTrustManager(authority, removed), true);
  }

  /** Exposed for a TLS test outside Ratis. */
  SSLContext sslContext(Predicate<String> removed) throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(new KeyManager[] {keyManager()},
        new TrustManager[] {new MemberTrustManager(authority, removed)}, null);
    return context;
  }

  private KeyManager keyManager() {
    try {
      char[] password = "in-memory only".toCharArray();
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("node", key, password, new Certificate[] {certificate, authority});
      KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      f.init(store, password);
      return f.getKeyManagers()[0];
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot use this node's TLS key and certificate: "
          + e.getMessage(), e);
    }
  }

  static PrivateKey readKey(Path file) throws IOException {
    byte[] der = pem(file, "PRIVATE KEY");
    try {
      return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IOException(file + " is not a PKCS #8 EC private key: " + e.getMessage(), e);
    }
  }

  static X509Certificate readCertificate(Path file) throws IOException {
    byte[] der = pem(file, "CERTIFICATE");
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException e) {
      throw new IOException(file + " is not an X.509 certificate: " + e.getMessage(), e);
    }
  }

  private static byte[] pem(Path file, String label) throws IOException {
    if (!Files.exists(file)) {
      throw new IOException("no " + file + ": a cluster node needs its TLS key and certificate"
          + " and the cluster's CA certificate, and adding a node needs the CA's key"
          + " (`govledger cluster init` makes them)");
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IOException(file + " holds no PEM block \"" + label + "\"");
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": the PEM block is not base64: " + e.getMessage(), e);
    }
  }

  /** Writes the material to {@code dir}, the key readable by the owner only. */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    writeKey(dir.resolve(KEY_FILE), key);
    writeCertificate(dir.resolve(CERT_FILE), certificate);
    writeCertificate(dir.resolve(CA_FILE), authority);
  }

  static void writeKey(Path keyFile, PrivateKey key) throws IOException {
    Files.deleteIfExists(keyFile);
    Files.createFile(keyFile);
    try {
      Files.setPosixFilePermissions(keyFile,
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the directory's own protection applies
    }
    Files.writeString(keyFile, toPem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
  }

  static void writeCertificate(Path file, X509Certificate certificate) throws IOException {
    try {
      Files.writeString(file, toPem("CERTIFICATE", certificate.getEncoded()),
          StandardCharsets.US_ASCII);
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IOException("certificate cannot be encoded", e);
    }
  }

  private static String toPem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }
}
