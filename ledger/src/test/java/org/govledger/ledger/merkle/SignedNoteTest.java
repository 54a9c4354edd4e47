package org.govledger.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.govledger.ledger.VerificationException;
import org.junit.jupiter.api.Test;

class SignedNoteTest {
  private static final String PETER =
      "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";

  @Test
  void signedNoteVectors_openOrFailAsExpected() {
    JsonNode cases = Vectors.load("notes/signed-notes.json");
    List<String> failures = new ArrayList<>();
    for (JsonNode c : cases) {
      String what = c.get("description").asText();
      List<NoteVerifier> known = new ArrayList<>();
      for (String key : Vectors.strings(c.get("verifierKeys"))) {
        known.add(NoteVerifiers.fromVerifierKey(key));
      }
      String wantError = c.path("wantError").asText("");
      try {
        SignedNote note = SignedNote.parse(c.get("note").asText());
        List<String> verified = new ArrayList<>();
        for (NoteSignature s : note.verify(known)) {
          verified.add(s.key());
        }
        if (!wantError.isEmpty()) {
          failures.add(what + ": opened, want error \"" + wantError + "\"");
        } else if (!note.text().equals(c.get("text").asText())) {
          failures.add(what + ": text " + note.text());
        } else if (!verified.equals(Vectors.strings(c.get("verifiedKeys")))) {
          failures.add(what + ": verified " + verified);
        } else if (!note.format().equals(c.get("note").asText())) {
          failures.add(what + ": does not format back to the same bytes");
        }
      } catch (VerificationException e) {
        if (wantError.isEmpty() || !e.getMessage().contains(wantError)) {
          failures.add(what + ": error \"" + e.getMessage() + "\", want \"" + wantError + "\"");
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(cases.size()).isGreaterThanOrEqualTo(15);
  }

  @Test
  void sign_withThePublishedTestKey_givesThePublishedNote() throws VerificationException {
    JsonNode v = Vectors.load("notes/sign-peter-neumann.json");
    Ed25519TestSigner signer =
        Ed25519TestSigner.fromSignerKey(v.get("signerKey").asText(), v.get("verifierKey").asText());
    SignedNote note = SignedNote.sign(v.get("text").asText(), List.of(signer));
    assertThat(note.format()).isEqualTo(v.get("note").asText());
    note.verify(signer.verifier());
  }

  @Test
  void parse_invalidUtf8_isRefused() {
    byte[] bytes = ("x\n\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")
        .getBytes(StandardCharsets.UTF_8);
    bytes[0] = (byte) 0xff;
    assertThatThrownBy(() -> SignedNote.parse(bytes))
        .isInstanceOf(VerificationException.class)
        .hasMessage("note is not valid UTF-8");
  }

  @Test
  void parse_unpairedSurrogate_isRefused() {
    assertThatThrownBy(() -> SignedNote.parse("\uD800x\n\n— a AAAAAAA=\n"))
        .isInstanceOf(VerificationException.class)
        .hasMessage("note contains an unpaired surrogate at offset 0");
  }

  @Test
  void verify_signatureByAnotherKeyWithTheSameName_isIgnoredAndFails() {
    Ed25519TestSigner mallory = Ed25519TestSigner.generate("PeterNeumann");
    SignedNote note = SignedNote.sign("text\n", List.of(mallory));
    assertThatThrownBy(() -> note.verify(NoteVerifiers.fromVerifierKey(PETER)))
        .isInstanceOf(VerificationException.class)
        .hasMessage("no signature from key PeterNeumann+c74f20a3");
  }

  @Test
  void verify_signatureWithTheRightKeyIdButWrongKey_fails() throws VerificationException {
    Ed25519TestSigner mallory = Ed25519TestSigner.generate("PeterNeumann");
    NoteSignature forged = SignedNote.sign("text\n", List.of(mallory)).signatures().get(0);
    SignedNote note =
        new SignedNote("text\n", List.of(new NoteSignature("PeterNeumann", 0xc74f20a3, forged.signature())));
    SignedNote reparsed = SignedNote.parse(note.format());
    assertThatThrownBy(() -> reparsed.verify(NoteVerifiers.fromVerifierKey(PETER)))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "invalid signature from key PeterNeumann+c74f20a3: Ed25519 signature does not verify");
  }

  @Test
  void sign_textWithoutFinalNewline_isRefused() {
    Ed25519TestSigner signer = Ed25519TestSigner.generate("example.com/log");
    assertThatThrownBy(() -> SignedNote.sign("no newline", List.of(signer)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("note text must end with a newline");
  }

  @Test
  void verifierKey_roundTripsThroughItsParts() {
    NoteVerifier v = NoteVerifiers.fromVerifierKey(PETER);
    assertThat(v.name()).isEqualTo("PeterNeumann");
    assertThat(v.keyId()).isEqualTo(0xc74f20a3);
    Ed25519TestSigner s = Ed25519TestSigner.generate("example.com/log");
    NoteVerifier fromKey = s.verifier();
    assertThat(fromKey.keyId()).isEqualTo(s.keyId());
    assertThat(fromKey.name()).isEqualTo("example.com/log");
  }

  /** After golang.org/x/mod's TestNewVerifier: every substring and every one-byte change fails. */
  @Test
  void verifierKey_everyManglingIsRefused() {
    List<String> accepted = new ArrayList<>();
    byte[] b = PETER.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i <= b.length; i++) {
      for (int j = i + 1; j <= b.length; j++) {
        if (i != 0 || j != b.length) {
          tryKey(new String(b, i, j - i, StandardCharsets.US_ASCII), accepted);
        }
      }
    }
    for (int i = 0; i < b.length; i++) {
      b[i]++;
      tryKey(new String(b, StandardCharsets.US_ASCII), accepted);
      b[i]--;
    }
    // Wrong key length and unknown algorithm, each with an adjusted key ID.
    tryKey("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==", accepted);
    tryKey("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", accepted);
    assertThat(accepted).isEmpty();
  }

  private static void tryKey(String key, List<String> accepted) {
    try {
      NoteVerifiers.fromVerifierKey(key);
      accepted.add(key);
    } catch (IllegalArgumentException expected) {
      // refused, as it should be
    }
  }

  @Test
  void verifierKey_unknownAlgorithm_saysSo() {
    assertThatThrownBy(
            () -> NoteVerifiers.fromVerifierKey(
                "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("verifier key has signature type 0x65, want 0x01 (Ed25519)");
  }
}
