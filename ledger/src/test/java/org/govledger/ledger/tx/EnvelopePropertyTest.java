package org.govledger.ledger.tx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.govledger.ledger.crypto.HashFunctions;
import org.govledger.ledger.json.Canonical;

/** The assembled signing and signed bytes equal RFC 8785 over the whole object. */
class EnvelopePropertyTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Property(tries = 300)
  void assembledBytes_equalCanonicalizationOfTheWholeObject(
      @ForAll @CharRange(from = '!', to = '~') @StringLength(min = 1, max = 64) String nonce,
      @ForAll @StringLength(max = 30) String note,
      @ForAll byte[] signature) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("note", note);
    body.put("n", 3.5);
    UnsignedTransaction u = UnsignedTransaction.of("demo", TxType.parse("anchor/put"), body,
        new KeyId("AAAAAAAAAAAAAAAAAAAAAA"), nonce);
    ObjectNode whole = MAPPER.createObjectNode();
    whole.set("body", body);
    whole.put("ledger", "demo");
    whole.put("type", "anchor/put");
    whole.put("signer", "AAAAAAAAAAAAAAAAAAAAAA");
    whole.put("nonce", nonce);
    assertThat(u.signingBytes()).isEqualTo(Canonical.canonicalize(whole));

    Transaction tx = Transaction.withSignature(u, signature, HashFunctions.sha256());
    whole.put("sig", Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
    assertThat(tx.encoded()).isEqualTo(Canonical.canonicalize(whole));
  }
}
