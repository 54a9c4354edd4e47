package org.govledger.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.tx.Transaction;
import org.govledger.ledger.tx.TransactionCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding one transaction as a client sent it: {@code TransactionCodec.decode(bytes)} does the
 * strict parse (UTF-8, duplicate keys, number range, depth), the RFC 8785 canonicalization of the
 * signed part and of the whole, and the SHA-256 of the signing bytes that is the transaction id.
 * Every submitted transaction pays this once on the request thread, before its signature check.
 *
 * <p>The input is a signed {@code anchor/put} of about 400 bytes with its members in the order a
 * client writes them (not canonical order), so canonicalization has real work to do.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
@State(Scope.Benchmark)
public class CanonicalJsonBenchmark {
  private TransactionCodec codec;
  private byte[] sent;

  @Setup(Level.Trial)
  public void setUp() throws JsonProcessingException {
    AnchorWorkload workload = new AnchorWorkload(CryptoSuite.ED25519_SHA256, 1);
    Transaction tx = workload.nextSigned(1).get(0);
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode json = mapper.createObjectNode();
    json.put("ledger", tx.ledger());
    json.put("type", tx.type().toString());
    json.set("body", tx.body());
    json.put("signer", tx.signer().value());
    json.put("nonce", tx.nonce());
    json.put("sig", Base64.getUrlEncoder().withoutPadding().encodeToString(tx.signature()));
    sent = mapper.writeValueAsBytes(json);
    codec = new TransactionCodec(workload.suite().hash(), TransactionCodec.DEFAULT_MAX_BYTES);
    if (!codec.decode(sent).equals(tx)) {
      throw new IllegalStateException("decoding the sent bytes does not give the signed transaction");
    }
  }

  @Benchmark
  public Transaction decode() {
    return codec.decode(sent);
  }
}
