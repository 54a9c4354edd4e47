package org.govledger.consensus.raft;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trusts certificates the cluster's CA signed, except a node's the ledger has removed: a
 * {@code remove-node} decision takes the node out of the Raft group and its key off the signers,
 * and from then on its certificate (whose common name is its node id) opens no new connection,
 * in either direction, though it would stay valid until it expires.
 */
final class MemberTrustManager extends X509ExtendedTrustManager {
  private static final Logger LOG = LoggerFactory.getLogger(MemberTrustManager.class);
  private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final X509ExtendedTrustManager authority;
  private final Predicate<String> removed;
  /** A removed node retries every second or so; say so once a minute per node. */
  private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();

  MemberTrustManager(X509Certificate ca, Predicate<String> removed) {
    this.authority = pkixTrusting(ca);
    this.removed = removed;
  }

  private static X509ExtendedTrustManager pkixTrusting(X509Certificate ca) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      store.setCertificateEntry("cluster-ca", ca);
      TrustManagerFactory f = TrustManagerFactory.getInstance("PKIX");
      f.init(store);
      for (TrustManager m : f.getTrustManagers()) {
        if (m instanceof X509ExtendedTrustManager x) {
          return x;
        }
      }
      throw new IllegalStateException("the JDK's PKIX trust manager factory made no X.509 manager");
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot trust the cluster CA: " + e.getMessage(), e);
    }
  }

  /** The node id a certificate names: its subject's common name, as the cluster CA issues it. */
  static String nodeId(X509Certificate certificate) throws CertificateException {
    X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    RDN[] cn = subject.getRDNs(BCStyle.CN);
    if (cn.length != 1) {
      throw new CertificateException("a node certificate names exactly one node (its CN); this one"
          + " has " + cn.length + ": " + subject);
    }
    return IETFUtils.valueToString(cn[0].getFirst().getValue());
  }

  private void checkMember(X509Certificate[] chain) throws CertificateException {
    String id = nodeId(chain[0]);
    if (removed.test(id)) {
      long now = System.nanoTime();
      Long last = lastLogged.get(id);
      if (last == null || now - last > LOG_EVERY_NANOS) {
        lastLogged.put(id, now);
        LOG.warn("refused a TLS connection with node {}: it was removed from the cluster by"
            + " governance (said once a minute)", id);
      }
      throw new CertificateException("node " + id + " was removed from the cluster by governance;"
          + " its certificate opens no connection");
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    authority.checkClientTrusted(chain, authType);
    checkMember(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    authority.checkServerTrusted(chain, authType);
    checkMember(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    authority.checkClientTrusted(chain, authType, socket);
    checkMember(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    authority.checkServerTrusted(chain, authType, socket);
    checkMember(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    authority.checkClientTrusted(chain, authType, engine);
    checkMember(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    authority.checkServerTrusted(chain, authType, engine);
    checkMember(chain);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return authority.getAcceptedIssuers();
  }
}
