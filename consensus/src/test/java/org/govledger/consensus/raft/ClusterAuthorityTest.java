package org.govledger.consensus.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterAuthorityTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void issuedCertificates_areSignedByTheAuthority_nameTheHost_andSurviveWriteAndRead(
      @TempDir Path dir) throws Exception {
    ClusterAuthority ca = ClusterAuthority.create("demo", random);
    ca.write(dir.resolve("ca"));
    ClusterAuthority again = ClusterAuthority.read(dir.resolve("ca"), random);
    NodeTls tls = again.issue(new ClusterMember("n4", "10.0.0.4", 9101, Optional.empty()));
    tls.certificate().verify(ca.certificate().getPublicKey()); // throws if not signed by the CA
    tls.certificate().checkValidity();
    assertThat(tls.certificate().getSubjectAlternativeNames())
        .contains(List.of(7, "10.0.0.4"), List.of(2, "n4"));
    tls.write(dir.resolve("n4"));
    NodeTls read = NodeTls.read(dir.resolve("n4"));
    assertThat(read.certificate()).isEqualTo(tls.certificate());
    assertThat(read.authority()).isEqualTo(ca.certificate());
    assertThat(read.key().getEncoded()).isEqualTo(tls.key().getEncoded());
  }

  @Test
  void aCertificateFromAnotherAuthority_doesNotVerify() throws Exception {
    ClusterAuthority ours = ClusterAuthority.create("demo", random);
    ClusterAuthority theirs = ClusterAuthority.create("other", random);
    NodeTls foreign = theirs.issue(new ClusterMember("n9", "127.0.0.1", 9101, Optional.empty()));
    assertThatThrownBy(() -> foreign.certificate().verify(ours.certificate().getPublicKey()))
        .isInstanceOf(java.security.SignatureException.class);
  }

  @Test
  void missingFiles_areNamed(@TempDir Path dir) {
    assertThatThrownBy(() -> NodeTls.read(dir)).hasMessageContaining("node.key")
        .hasMessageContaining("cluster init");
  }
}
