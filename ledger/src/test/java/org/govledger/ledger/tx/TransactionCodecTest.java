package org.govledger.ledger.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransactionCodecTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final CryptoSuite SUITE = CryptoSuite.ED25519_SHA256;
  private static final SigningKey KEY = SUITE.generate(new SecureRandom());
  private final TransactionCodec codec = new TransactionCodec(SUITE.hash(), 64 * 1024);

  private static Transaction sample() {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("digest", "ab".repeat(32));
    body.put("note", "名字 — نص");
    UnsignedTransaction u = UnsignedTransaction.of("demo", TxType.parse("anchor/put"), body,
        KeyId.of(SUITE, KEY.publicKey()), "nonce-1");
    return Transaction.sign(u, KEY, SUITE.hash());
  }

  @Test
  void decode_ofEncoded_roundTripsWithSameId() {
    Transaction tx = sample();
    Transaction back = codec.decode(tx.encoded());
    assertThat(back.id()).isEqualTo(tx.id());
    assertThat(back.encoded()).isEqualTo(tx.encoded());
    assertThat(back.signature()).isEqualTo(tx.signature());
  }

  @Test
  void decode_memberOrderAndWhitespace_doNotChangeTheId() throws Exception {
    Transaction tx = sample();
    ObjectNode json = (ObjectNode) MAPPER.readTree(tx.encoded());
    ObjectNode reordered = MAPPER.createObjectNode();
    for (String f : new String[] {"sig", "nonce", "body", "type", "signer", "ledger"}) {
      reordered.set(f, json.get(f));
    }
    byte[] pretty = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(reordered);
    assertThat(codec.decode(pretty).id()).isEqualTo(tx.id());
  }

  @Test
  void id_excludesSignature_soAnotherSignatureIsTheSameTransaction() {
    Transaction tx = sample();
    byte[] other = tx.signature();
    other[0] ^= 1;
    assertThat(Transaction.withSignature(tx.unsigned(), other, SUITE.hash()).id()).isEqualTo(tx.id());
  }

  @Test
  void id_isHashOfSigningBytes() {
    Transaction tx = sample();
    assertThat(tx.id().bytes()).isEqualTo(SUITE.hash().digest(tx.signingBytes()));
    assertThat(new String(tx.signingBytes(), StandardCharsets.UTF_8)).doesNotContain("\"sig\"")
        .startsWith("{\"body\":");
  }

  @Test
  void decode_oversize_isRefusedAsTooLarge() {
    byte[] big = new byte[64 * 1024 + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    assertThatThrownBy(() -> codec.decode(big))
        .isInstanceOfSatisfying(TxRejectedException.class, e -> {
          assertThat(e.code()).isEqualTo(Rejection.TOO_LARGE);
          assertThat(e.getMessage()).contains("65537 bytes, over the limit of 65536");
        });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "not JSON                 | {ledger                                  | not valid JSON",
    "array                    | []                                       | a transaction is a JSON object, got array",
    "missing sig              | {\"ledger\":\"demo\"}                    | field \"sig\" is missing",
    "number for a string      | {\"ledger\":1,\"type\":\"a/b\",\"body\":{},\"signer\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"nonce\":\"x\",\"sig\":\"AA\"} | field \"ledger\" must be a string, got number",
    "body not object          | {\"ledger\":\"demo\",\"type\":\"a/b\",\"body\":[],\"signer\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"nonce\":\"x\",\"sig\":\"AA\"} | field \"body\" must be an object, got array",
    "bad type                 | {\"ledger\":\"demo\",\"type\":\"ab\",\"body\":{},\"signer\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"nonce\":\"x\",\"sig\":\"AA\"} | written contract/action",
    "bad signer               | {\"ledger\":\"demo\",\"type\":\"a/b\",\"body\":{},\"signer\":\"me\",\"nonce\":\"x\",\"sig\":\"AA\"} | a key id is 22 base64url characters",
    "bad nonce                | {\"ledger\":\"demo\",\"type\":\"a/b\",\"body\":{},\"signer\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"nonce\":\"a b\",\"sig\":\"AA\"} | a nonce is 1-64 printable",
    "bad sig encoding         | {\"ledger\":\"demo\",\"type\":\"a/b\",\"body\":{},\"signer\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"nonce\":\"x\",\"sig\":\"@@\"} | base64url",
    "duplicate key            | {\"ledger\":\"demo\",\"ledger\":\"demo\"}  | duplicate",
    "extra field              | {\"ledger\":\"demo\",\"type\":\"a/b\",\"body\":{},\"signer\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"nonce\":\"x\",\"sig\":\"AA\",\"fee\":1} | unknown field \"fee\"",
    "unsafe integer in body   | {\"ledger\":\"demo\",\"type\":\"a/b\",\"body\":{\"n\":12345678901234567890},\"signer\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"nonce\":\"x\",\"sig\":\"AA\"} | 12345678901234567890",
  })
  void decode_badInput_isRefusedAsMalformedWithAReason(String name, String json, String reason) {
    assertThatThrownBy(() -> codec.decode(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(TxRejectedException.class, e -> {
          assertThat(e.code()).isEqualTo(Rejection.MALFORMED);
          assertThat(e.getMessage()).contains(reason);
        });
  }
}
