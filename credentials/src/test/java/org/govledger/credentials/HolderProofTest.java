package org.govledger.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HolderProofTest {
  private static final String PATH = "/api/v1/wallets/c3ViamVjdC0wMDAwMDAx/documents";
  private static final String JTI = "0123456789abcdef0123";
  private static final Duration SKEW = Duration.ofMinutes(2);

  @ParameterizedTest
  @EnumSource(CryptoSuite.class)
  void aProofNamesTheSubjectTheKeyAndTheRequest(CryptoSuite suite) throws Exception {
    SigningKey key = suite.generate(new SecureRandom());
    String proof = HolderProof.sign(key, "c3ViamVjdC0wMDAwMDAx", "GET", PATH, 1000, JTI);
    HolderProof.Claims c = HolderProof.verify(proof, "GET", PATH, 1010, SKEW);
    assertThat(c.subject()).isEqualTo("c3ViamVjdC0wMDAwMDAx");
    assertThat(c.key()).isEqualTo(PublicJwk.of(key));
    assertThat(c.jti()).isEqualTo(JTI);
  }

  @ParameterizedTest
  @EnumSource(CryptoSuite.class)
  void aProofForAnotherRequestAnOldOneOrATamperedOneIsRefused(CryptoSuite suite) {
    SigningKey key = suite.generate(new SecureRandom());
    String proof = HolderProof.sign(key, "c3ViamVjdC0wMDAwMDAx", "GET", PATH, 1000, JTI);
    assertThatThrownBy(() -> HolderProof.verify(proof, "DELETE", PATH, 1000, SKEW))
        .isInstanceOf(CredentialException.class).hasMessageContaining("another request");
    assertThatThrownBy(() -> HolderProof.verify(proof, "GET", PATH + "/x", 1000, SKEW))
        .hasMessageContaining("another request");
    assertThatThrownBy(() -> HolderProof.verify(proof, "GET", PATH, 1000 + 121, SKEW))
        .hasMessageContaining("fresh");
    String[] parts = proof.split("\\.");
    String otherPayload = HolderProof.sign(key, "b3RoZXItc3ViamVjdC0wMDE", "GET", PATH, 1000, JTI).split("\\.")[1];
    assertThatThrownBy(() -> HolderProof.verify(parts[0] + "." + otherPayload + "." + parts[2], "GET", PATH, 1000, SKEW))
        .isInstanceOf(CredentialException.class).hasMessageContaining("signature");
    SigningKey other = suite.generate(new SecureRandom());
    String foreign = HolderProof.sign(other, "c3ViamVjdC0wMDAwMDAx", "GET", PATH, 1000, JTI);
    assertThatThrownBy(() -> HolderProof.verify(parts[0] + "." + parts[1] + "." + foreign.split("\\.")[2],
        "GET", PATH, 1000, SKEW)).as("another key's signature under our key's header").hasMessageContaining("signature");
    assertThatThrownBy(() -> HolderProof.verify("", "GET", PATH, 1000, SKEW)).hasMessageContaining("Authorization");
    assertThatThrownBy(() -> HolderProof.verify("a.b", "GET", PATH, 1000, SKEW)).isInstanceOf(CredentialException.class);
    assertThatThrownBy(() -> HolderProof.verify("x".repeat(5000), "GET", PATH, 1000, SKEW))
        .isInstanceOf(CredentialException.class).hasMessageContaining("at most");
  }
}
