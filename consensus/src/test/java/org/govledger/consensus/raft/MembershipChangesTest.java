package org.govledger.consensus.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.governance.GovernedChange;
import org.junit.jupiter.api.Test;

class MembershipChangesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final Map<String, GovernedChange.Kind> kinds =
      new MembershipChanges(CryptoSuite.ED25519_SHA256).kinds().stream()
          .collect(Collectors.toMap(GovernedChange.Kind::action, k -> k));
  private final String publicKey = Base64.getUrlEncoder().withoutPadding().encodeToString(
      CryptoSuite.ED25519_SHA256.generate(new java.security.SecureRandom()).publicKey());

  @Test
  void addNode_parsesAndWritesBackTheSameChange() throws Exception {
    var change = MAPPER.readTree("{\"action\":\"add-node\",\"id\":\"n4\",\"raft\":\"10.0.0.4:9101\","
        + "\"publicKey\":\"" + publicKey + "\",\"name\":\"node n4\"}");
    assertThat(kinds.get("add-node").parse(change).toJson()).isEqualTo(change);
  }

  @Test
  void malformedChanges_areRefusedNamingWhatIsWrong() {
    assertThatThrownBy(() -> parse("add-node", "{\"id\":\"n4\",\"raft\":\"nohost\",\"publicKey\":\""
        + publicKey + "\"}")).hasMessageContaining("host:port");
    assertThatThrownBy(() -> parse("add-node", "{\"id\":\"N 4\",\"raft\":\"h:1\",\"publicKey\":\""
        + publicKey + "\"}")).hasMessageContaining("lower-case");
    assertThatThrownBy(() -> parse("add-node", "{\"id\":\"n4\",\"raft\":\"h:1\",\"publicKey\":\"AAAA\"}"))
        .hasMessageContaining("publicKey");
    assertThatThrownBy(() -> parse("remove-node", "{\"id\":\"n2\"}"))
        .hasMessageContaining("keyId");
  }

  private GovernedChange parse(String action, String json) throws Exception {
    var node = (com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree(json);
    node.put("action", action);
    return kinds.get(action).parse(node);
  }
}
