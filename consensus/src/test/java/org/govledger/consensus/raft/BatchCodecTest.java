package org.govledger.consensus.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.engine.OrderedBatch;
import org.govledger.ledger.tx.KeyId;
import org.govledger.ledger.tx.Transaction;
import org.junit.jupiter.api.Test;

class BatchCodecTest {
  private static final KeyId FALLBACK = KeyId.of(CryptoSuite.ED25519_SHA256, new byte[32]);
  private final BatchCodec codec = new BatchCodec(CryptoSuite.ED25519_SHA256.hash());

  @Test
  void roundTrip_keepsTimeProposerAndTransactionsInOrder() {
    Transaction a = anchor("a");
    Transaction b = anchor("b");
    KeyId proposer = KeyId.of(CryptoSuite.ED25519_SHA256, new byte[] {1, 2, 3});
    byte[] bytes = BatchCodec.encode(new OrderedBatch(1234, proposer, List.of(a, b)));
    OrderedBatch back = codec.decode(ByteBuffer.wrap(bytes), FALLBACK);
    assertThat(back.time()).isEqualTo(1234);
    assertThat(back.proposer()).isEqualTo(proposer);
    assertThat(back.txs()).extracting(Transaction::id).containsExactly(a.id(), b.id());
  }

  @Test
  void garbage_decodesAsAnEmptyBatch_theSameOnEveryNode() {
    for (byte[] junk : List.of(new byte[0], new byte[] {9}, new byte[] {1, 0, 0},
        "not a batch".getBytes(StandardCharsets.UTF_8))) {
      OrderedBatch b = codec.decode(ByteBuffer.wrap(junk), FALLBACK);
      assertThat(b.txs()).isEmpty();
      assertThat(b.proposer()).isEqualTo(FALLBACK);
    }
  }

  @Test
  void aTransactionThatDoesNotDecode_isDropped_andTheRestKept() {
    Transaction a = anchor("a");
    byte[] good = BatchCodec.encode(new OrderedBatch(5, FALLBACK, List.of(a, anchor("b"))));
    // corrupt the second transaction's JSON: its last byte is its closing brace
    byte[] bad = Arrays.copyOf(good, good.length);
    bad[bad.length - 1] = 'x';
    OrderedBatch back = codec.decode(ByteBuffer.wrap(bad), FALLBACK);
    assertThat(back.txs()).extracting(Transaction::id).containsExactly(a.id());
  }

  @Test
  void aTruncatedBatch_keepsOnlyWholeTransactions() {
    Transaction a = anchor("a");
    byte[] good = BatchCodec.encode(new OrderedBatch(5, FALLBACK, List.of(a, anchor("b"))));
    OrderedBatch back = codec.decode(ByteBuffer.wrap(Arrays.copyOf(good, good.length - 10)), FALLBACK);
    assertThat(back.txs()).extracting(Transaction::id).containsExactly(a.id());
  }

  private static final org.govledger.ledger.crypto.SigningKey CLIENT =
      CryptoSuite.ED25519_SHA256.generate(new java.security.SecureRandom());

  private static Transaction anchor(String text) {
    var body = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    body.put("digest", java.util.HexFormat.of().formatHex(
        CryptoSuite.ED25519_SHA256.hash().digest(text.getBytes(StandardCharsets.UTF_8))));
    var unsigned = org.govledger.ledger.tx.UnsignedTransaction.of("raft-test",
        org.govledger.ledger.tx.TxType.parse("anchor/put"), body,
        KeyId.of(CryptoSuite.ED25519_SHA256, CLIENT.publicKey()), text);
    return Transaction.sign(unsigned, CLIENT, CryptoSuite.ED25519_SHA256.hash());
  }
}
