package org.govledger.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.List;
import org.govledger.ledger.VerificationException;
import org.govledger.ledger.crypto.HashFunction;
import org.govledger.ledger.crypto.HashFunctions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CheckpointTest {
  private static final HashFunction SHA256 = HashFunctions.sha256();
  private static final String ORIGIN = "example.com/govledger/shenzhen-certificates";
  private static final String ROOT_B64 = "mXfgRcJ0bG0j3CPdKwgGWtUzBUbX67saZGRmFuJGGsM=";

  private static Checkpoint checkpoint(long size) {
    return new Checkpoint(ORIGIN, size, Base64.getDecoder().decode(ROOT_B64));
  }

  @Test
  void body_isOriginSizeAndBase64Root() {
    Checkpoint c =
        new Checkpoint(ORIGIN, 20852163, Base64.getDecoder().decode(ROOT_B64), List.of("ext one"));
    assertThat(c.body()).isEqualTo(ORIGIN + "\n20852163\n" + ROOT_B64 + "\next one\n");
  }

  @Test
  void signAndOpen_roundTrip() throws VerificationException {
    Ed25519TestSigner log = Ed25519TestSigner.generate(ORIGIN);
    Ed25519TestSigner witness = Ed25519TestSigner.generate("witness.example");
    Checkpoint c =
        new Checkpoint(ORIGIN, 42, MerkleHashing.emptyRoot(SHA256), List.of("extension"));
    String signed = c.sign(List.of(log, witness));
    assertThat(Checkpoint.open(signed, ORIGIN, log.verifier())).isEqualTo(c);
    assertThat(Checkpoint.open(signed, ORIGIN, witness.verifier())).isEqualTo(c);
    assertThat(Checkpoint.parse(c.body())).isEqualTo(c);
  }

  @Test
  void open_realSumGolangOrgCheckpoint() throws VerificationException {
    JsonNode v = Vectors.load("notes/checkpoint-sum-golang-org.json");
    NoteVerifier key = NoteVerifiers.fromVerifierKey(v.get("verifierKey").asText());
    Checkpoint c = Checkpoint.open(v.get("note").asText(), v.get("origin").asText(), key);
    assertThat(c.size()).isEqualTo(v.get("size").asLong());
    assertThat(Base64.getEncoder().encodeToString(c.rootHash())).isEqualTo(v.get("rootHash").asText());
    assertThat(c.extensions()).isEmpty();
  }

  @Test
  void open_byAnotherKey_fails() {
    Ed25519TestSigner log = Ed25519TestSigner.generate(ORIGIN);
    Ed25519TestSigner impostor = Ed25519TestSigner.generate(ORIGIN);
    String signed = checkpoint(7).sign(List.of(impostor));
    assertThatThrownBy(() -> Checkpoint.open(signed, ORIGIN, log.verifier()))
        .isInstanceOf(VerificationException.class)
        .hasMessage("no signature from key " + ORIGIN + "+" + String.format("%08x", log.keyId()));
  }

  @Test
  void open_modifiedBody_fails() {
    Ed25519TestSigner log = Ed25519TestSigner.generate(ORIGIN);
    String signed = checkpoint(7).sign(List.of(log));
    String tampered = signed.replaceFirst("\n7\n", "\n8\n");
    assertThat(tampered).isNotEqualTo(signed);
    assertThatThrownBy(() -> Checkpoint.open(tampered, ORIGIN, log.verifier()))
        .isInstanceOf(VerificationException.class)
        .hasMessageStartingWith("invalid signature from key " + ORIGIN);
  }

  @Test
  void open_otherOrigin_fails() {
    Ed25519TestSigner log = Ed25519TestSigner.generate(ORIGIN);
    String signed = checkpoint(7).sign(List.of(log));
    assertThatThrownBy(() -> Checkpoint.open(signed, "example.com/other", log.verifier()))
        .isInstanceOf(VerificationException.class)
        .hasMessage("checkpoint origin is \"" + ORIGIN + "\", want \"example.com/other\"");
  }

  /** One malformed body per rule of c2sp.org/tlog-checkpoint; \n is written as | here. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "no final newline;o|1|" + ROOT_B64 + ";checkpoint does not end with a newline",
        "two lines;o|1|;checkpoint has 2 lines, want at least 3",
        "empty origin;|1|" + ROOT_B64 + "|;checkpoint origin is empty",
        "hex size;o|0x10|" + ROOT_B64 + "|;tree size is not a decimal number: \"0x10\"",
        "negative size;o|-1|" + ROOT_B64 + "|;tree size is not a decimal number: \"-1\"",
        "plus size;o|+1|" + ROOT_B64 + "|;tree size is not a decimal number: \"+1\"",
        "empty size;o||" + ROOT_B64 + "|;tree size is not a decimal number: \"\"",
        "spaced size;o| 1|" + ROOT_B64 + "|;tree size is not a decimal number: \" 1\"",
        "leading zero;o|007|" + ROOT_B64 + "|;tree size has a leading zero: \"007\"",
        "huge size;o|9223372036854775808|" + ROOT_B64 + "|;tree size is too large: \"9223372036854775808\"",
        "short root;o|1|mXfgRcJ0bG0j3CPdKwgGWtUzBUbX67saZGRmFuJGGg==|;checkpoint root has 31 bytes, want 32",
        "unpadded root;o|1|mXfgRcJ0bG0j3CPdKwgGWtUzBUbX67saZGRmFuJGGsM|;checkpoint root is not base64: \"mXfgRcJ0bG0j3CPdKwgGWtUzBUbX67saZGRmFuJGGsM\"",
        "url-safe root;o|1|mXfgRcJ0bG0j3CPdKwgGWtUzBUbX67saZGRmFuJGGs_=|;checkpoint root is not base64",
        "one-byte root;o|1|mQ==|;checkpoint root has 1 bytes, want 32",
        "empty extension;o|1|" + ROOT_B64 + "||x|;checkpoint extension line 1 is empty",
        "trailing blank line;o|1|" + ROOT_B64 + "||;checkpoint extension line 1 is empty",
        "control character;o\tx|1|" + ROOT_B64 + "|;checkpoint note contains control character U+0009 at offset 1",
      })
  void parse_malformedBody_isRefused(String rule, String body, String wantMessage) {
    assertThatThrownBy(() -> Checkpoint.parse(body.replace('|', '\n')))
        .as(rule)
        .isInstanceOf(VerificationException.class)
        .hasMessageStartingWith(wantMessage);
  }

  @Test
  void parse_canonicalZeroAndMaximumSizes() throws VerificationException {
    assertThat(Checkpoint.parse("o\n0\n" + ROOT_B64 + "\n").size()).isZero();
    assertThat(Checkpoint.parse("o\n9223372036854775807\n" + ROOT_B64 + "\n").size())
        .isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void constructor_refusesInvalidFields() {
    byte[] root = new byte[32];
    assertThatThrownBy(() -> new Checkpoint("", 1, root))
        .hasMessage("checkpoint origin is empty");
    assertThatThrownBy(() -> new Checkpoint("a\nb", 1, root))
        .hasMessage("checkpoint origin contains a newline");
    assertThatThrownBy(() -> new Checkpoint("o", -1, root))
        .hasMessage("tree size is negative: -1");
    assertThatThrownBy(() -> new Checkpoint("o", 1, new byte[31]))
        .hasMessage("checkpoint root has 31 bytes, want 32");
    assertThatThrownBy(() -> new Checkpoint("o", 1, root, List.of("")))
        .hasMessage("checkpoint extension line 1 is empty");
  }

  @Test
  void rootHash_isCopiedInAndOut() {
    byte[] root = new byte[32];
    Checkpoint c = new Checkpoint("o", 1, root);
    root[0] = 1;
    c.rootHash()[1] = 1;
    assertThat(c.rootHash()).isEqualTo(new byte[32]);
  }

  @Test
  void checkpointOfTheLog_andAReceipt_verifyEndToEnd() throws VerificationException {
    InMemoryTreeNodes nodes = new InMemoryTreeNodes();
    List<byte[]> leaves = new java.util.ArrayList<>();
    for (int i = 0; i < 37; i++) {
      leaves.add(MerkleHashing.leafHash(SHA256, new byte[] {(byte) i}));
    }
    MerkleLog log = nodes.appendAndStore(MerkleLog.empty(SHA256, nodes), leaves);
    Ed25519TestSigner key = Ed25519TestSigner.generate(ORIGIN);
    String signed = new Checkpoint(ORIGIN, log.size(), log.root()).sign(List.of(key));

    Checkpoint trusted = Checkpoint.open(signed, ORIGIN, key.verifier());
    log.inclusionProof(20, trusted.size()).verify(SHA256, leaves.get(20), trusted.rootHash());
  }
}
