package org.govledger.consensus.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** Real TLS 1.3 handshakes on loopback between node certificates from one cluster CA. */
class MemberTrustManagerTest {
  private static final ClusterAuthority CA = ClusterAuthority.create("tls-test", new SecureRandom());
  private static final NodeTls N1 = CA.issue(member("n1"));
  private static final NodeTls N2 = CA.issue(member("n2"));
  private static final NodeTls N3 = CA.issue(member("n3"));

  @Test
  void aRemovedNode_opensNoConnection_eitherWay_whileMembersDo() throws Exception {
    Set<String> removed = Set.of("n2");
    assertThat(handshake(N1, removed, N3, removed)).isEqualTo("n3 -> n1");
    assertThatThrownBy(() -> handshake(N1, removed, N2, Set.of()))
        .isInstanceOf(SSLException.class);
    assertThatThrownBy(() -> handshake(N2, Set.of(), N1, removed))
        .isInstanceOf(SSLException.class);
  }

  @Test
  void theNodeIdIsTheCertificatesCommonName() throws Exception {
    assertThat(MemberTrustManager.nodeId(N3.certificate())).isEqualTo("n3");
  }

  @Test
  void aRemovedNodesCertificate_isRefusedNamingTheReason() {
    MemberTrustManager trust = new MemberTrustManager(N1.authority(), Set.of("n2")::contains);
    assertThatThrownBy(() -> trust.checkClientTrusted(
        new java.security.cert.X509Certificate[] {N2.certificate()}, "EC"))
        .hasMessageContaining("node n2 was removed from the cluster by governance");
  }

  /** Connects {@code client} to {@code server}; returns "client -> server" once both have finished. */
  private static String handshake(NodeTls server, Set<String> serverRemoved, NodeTls client,
      Set<String> clientRemoved) throws Exception {
    try (SSLServerSocket listening = (SSLServerSocket) server.sslContext(serverRemoved::contains)
        .getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listening.setNeedClientAuth(true);
      CompletableFuture<String> accepted = CompletableFuture.supplyAsync(() -> {
        try (SSLSocket s = (SSLSocket) listening.accept()) {
          s.startHandshake();
          s.setSoTimeout(5_000);
          s.getInputStream().read(); // the client's byte: its verdict on our certificate came first
          return MemberTrustManager.nodeId(
              (java.security.cert.X509Certificate) s.getSession().getPeerCertificates()[0]);
        } catch (IOException | java.security.cert.CertificateException e) {
          return "refused: " + e.getMessage();
        }
      });
      IOException clientSide = null;
      try (SSLSocket s = (SSLSocket) client.sslContext(clientRemoved::contains).getSocketFactory()
          .createSocket(InetAddress.getLoopbackAddress(), listening.getLocalPort())) {
        s.startHandshake();
        // TLS 1.3: the server's verdict on the client's certificate arrives with the first read
        // (or, if the server has already hung up, as a broken pipe on the first write)
        s.getOutputStream().write(1);
        s.getOutputStream().flush();
        s.setSoTimeout(5_000);
        s.getInputStream().read();
      } catch (IOException e) {
        clientSide = e;
      }
      String seen = accepted.get(10, TimeUnit.SECONDS);
      if (seen.startsWith("refused")) {
        throw new SSLException(seen); // the server refused the client's certificate
      }
      if (clientSide instanceof javax.net.ssl.SSLHandshakeException refusedByClient) {
        throw refusedByClient; // the client refused the server's certificate
      }
      return seen + " -> " + MemberTrustManager.nodeId(server.certificate());
    }
  }

  private static ClusterMember member(String id) {
    return new ClusterMember(id, "127.0.0.1", 9000, Optional.empty());
  }
}
