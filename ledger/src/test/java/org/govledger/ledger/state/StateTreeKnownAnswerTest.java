package org.govledger.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.govledger.ledger.state.ReferenceTree.bytes;
import static org.govledger.ledger.state.StateFixture.SHA256;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Roots computed by hand from the definitions, and pinned as hex (computed independently, with
 * Python's hashlib) so that any change to the hashing rules shows up here.
 */
class StateTreeKnownAnswerTest {
  private static final byte[] ZERO = new byte[32];

  private static byte[] leaf(String key, String value) {
    return SHA256.digest(new byte[] {0x00}, SHA256.digest(bytes(key)), SHA256.digest(bytes(value)));
  }

  private static byte[] node(byte[] left, byte[] right) {
    return SHA256.digest(new byte[] {0x01}, left, right);
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  @Test
  void root_ofFourKeys_matchesHandBuiltTree() {
    // First bits of SHA-256: alice 0010, carol 0100, dave 0110, bob 1000. So bob is alone on the
    // right; alice alone under 00; carol and dave split at the third bit.
    StateFixture f = new StateFixture();
    Map<String, Optional<String>> changes = new LinkedHashMap<>();
    changes.put("alice", Optional.of("100"));
    changes.put("bob", Optional.of("200"));
    changes.put("carol", Optional.of("300"));
    changes.put("dave", Optional.of("400"));

    byte[] root = f.commit(0, changes).root();

    byte[] expected =
        node(
            node(leaf("alice", "100"), node(leaf("carol", "300"), leaf("dave", "400"))),
            leaf("bob", "200"));
    assertThat(hex(root)).isEqualTo(hex(expected));
    assertThat(hex(root))
        .isEqualTo("822fe46c026240643fbf7b95712dd1b6f2e9abeba4acbbd780ee09e1195bb841");
  }

  @Test
  void root_ofTwoKeysSharingThreeBits_hasPlaceholdersAlongTheSharedPath() {
    // SHA-256 of "b" starts 0011, of "c" 0010: they share three bits, so three internal nodes
    // with an empty sibling lead to the node that splits them.
    StateFixture f = new StateFixture();
    Map<String, Optional<String>> changes = new LinkedHashMap<>();
    changes.put("b", Optional.of("B"));
    changes.put("c", Optional.of("C"));

    byte[] root = f.commit(0, changes).root();

    byte[] expected = node(node(node(ZERO, node(leaf("c", "C"), leaf("b", "B"))), ZERO), ZERO);
    assertThat(hex(root)).isEqualTo(hex(expected));
    assertThat(hex(root))
        .isEqualTo("cde651576a10f8b273802e3bce6e54925a9fa996f1d644369b5571706607ec00");
  }

  @Test
  void root_ofOneKey_isItsLeafHash() {
    StateFixture f = new StateFixture();

    byte[] root = f.commit(0, Map.of("alice", Optional.of("100"))).root();

    assertThat(hex(root))
        .isEqualTo("e88595db6e2373140c77336108e543dd79e1c6420dff08568b120417c8af88b5");
  }

  @Test
  void root_ofNoKeys_isThePlaceholder() {
    StateFixture f = new StateFixture();

    assertThat(f.commit(0, Map.of()).root()).isEqualTo(ZERO);
    assertThat(f.tree.emptyRoot()).isEqualTo(ZERO);
  }
}
