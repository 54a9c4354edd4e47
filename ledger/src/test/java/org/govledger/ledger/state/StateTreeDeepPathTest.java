package org.govledger.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.govledger.ledger.state.ReferenceTree.bytes;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.govledger.ledger.crypto.HashFunction;
import org.govledger.ledger.crypto.HashFunctions;
import org.govledger.ledger.store.MemoryStore;
import org.govledger.ledger.store.WriteBatch;
import org.junit.jupiter.api.Test;

/**
 * Paths hundreds of levels deep, down to leaves at depth 256, which SHA-256 of real keys never
 * produces: a deliberately weak test hash gives every key and value a hash that is zero except for
 * its last byte, so that all keys share at least 248 leading bits.
 */
class StateTreeDeepPathTest {
  private static final HashFunction WEAK =
      new HashFunction() {
        @Override
        public String name() {
          return "weak-for-tests";
        }

        @Override
        public int length() {
          return 32;
        }

        @Override
        public byte[] digest(byte[]... parts) {
          byte[] full = HashFunctions.sha256().digest(parts);
          if (parts.length > 1) {
            return full; // node hashes stay strong; only key and value hashes are weakened
          }
          byte[] weak = new byte[32];
          weak[31] = full[0];
          return weak;
        }
      };

  @Test
  void keysSharing255Bits_areProvableAndMatchTheReference() throws Exception {
    List<String> keys = keysWithDistinctLastBytes(40);
    MemoryStore store = new MemoryStore();
    ValueTable values = new ValueTable(store, new byte[] {'v'});
    StateTree tree = new StateTree(WEAK, new byte[] {'s'}, store, values);
    Map<String, String> state = new TreeMap<>();

    Map<String, Optional<String>> first = new LinkedHashMap<>();
    keys.subList(0, 30).forEach(k -> first.put(k, Optional.of("v-" + k)));
    byte[] root0 = commit(tree, store, 0, first, state);
    Map<String, Optional<String>> second = new LinkedHashMap<>();
    keys.subList(20, 40).forEach(k -> second.put(k, Optional.of("w-" + k)));
    keys.subList(0, 10).forEach(k -> second.put(k, Optional.empty()));
    byte[] root1 = commit(tree, store, 1, second, state);

    int deepest = 0;
    for (String key : keys) {
      StateProof proof = tree.prove(bytes(key), 1);
      proof.verify(WEAK, root1);
      assertThat(proof.value().isPresent()).isEqualTo(state.containsKey(key));
      deepest = Math.max(deepest, proof.siblings().size());
      tree.prove(bytes(key), 0).verify(WEAK, root0);
    }
    assertThat(deepest).isEqualTo(256);

    Map<String, Optional<String>> deleteAll = new LinkedHashMap<>();
    keys.forEach(k -> deleteAll.put(k, Optional.empty()));
    assertThat(commit(tree, store, 2, deleteAll, state)).isEqualTo(new byte[32]);
  }

  private static byte[] commit(
      StateTree tree,
      MemoryStore store,
      long version,
      Map<String, Optional<String>> changes,
      Map<String, String> state) {
    List<StateChange> list = new ArrayList<>();
    changes.forEach((k, v) -> list.add(new StateChange(bytes(k), v.map(ReferenceTree::bytes))));
    TreeUpdate update = tree.update(version, list);
    WriteBatch batch = new WriteBatch();
    update.writeTo(batch);
    new ValueTable(store, new byte[] {'v'}).writeTo(list, batch);
    store.write(batch);
    StateTreePropertiesTest.apply(state, changes);
    assertThat(HexFormat.of().formatHex(update.root()))
        .isEqualTo(HexFormat.of().formatHex(ReferenceTree.root(WEAK, state)));
    return update.root();
  }

  /** Keys whose weak hashes all differ, including a pair differing only in the very last bit. */
  private static List<String> keysWithDistinctLastBytes(int count) {
    Map<Integer, String> byLastByte = new TreeMap<>();
    for (int i = 0; byLastByte.size() < 256; i++) {
      byLastByte.putIfAbsent(WEAK.digest(bytes("k" + i))[31] & 0xff, "k" + i);
    }
    List<String> out = new ArrayList<>();
    for (int b = 0; out.size() < count; b += 2) {
      out.add(byLastByte.get(b));
      out.add(byLastByte.get(b + 1));
    }
    return out;
  }
}
