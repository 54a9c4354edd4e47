package org.govledger.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.govledger.ledger.state.ReferenceTree.bytes;
import static org.govledger.ledger.state.StateFixture.SHA256;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.govledger.ledger.VerificationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Proofs of presence and both kinds of absence, and their corrupted twins. */
class StateProofTest {
  private StateFixture f;
  private byte[] root;

  @BeforeEach
  void buildTree() {
    f = new StateFixture();
    Map<String, Optional<String>> changes = new LinkedHashMap<>();
    for (int i = 0; i < 20; i++) {
      changes.put("key-" + i, Optional.of("value-" + i));
    }
    root = f.commit(7, changes).root();
  }

  @Test
  void verify_ofPresentKey_passesAndShowsItsValue() throws Exception {
    StateProof proof = f.tree.prove(bytes("key-3"), 7);

    proof.verify(SHA256, root);
    assertThat(proof.value()).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("value-3")));
    assertThat(proof.version()).isEqualTo(7);
    assertThat(proof.root()).isEqualTo(root);
  }

  @Test
  void verify_ofAbsentKeyEndingInEmptySlot_passes() throws Exception {
    StateProof proof = absent(p -> p.otherLeaf().isEmpty());

    proof.verify(SHA256, root);
    assertThat(proof.value()).isEmpty();
  }

  @Test
  void verify_ofAbsentKeyEndingAtAnotherLeaf_passes() throws Exception {
    StateProof proof = absent(p -> p.otherLeaf().isPresent());

    proof.verify(SHA256, root);
  }

  @Test
  void verify_withFlippedBitInSibling_fails() throws Exception {
    StateProof proof = f.tree.prove(bytes("key-3"), 7);
    List<byte[]> siblings = new ArrayList<>(proof.siblings());
    siblings.get(0)[5] ^= 0x10;

    assertFails(withSiblings(proof, siblings), "state root mismatch");
  }

  @Test
  void verify_withWrongValue_fails() throws Exception {
    StateProof proof = f.tree.prove(bytes("key-3"), 7);

    assertFails(withValue(proof, Optional.of(bytes("value-4"))), "state root mismatch");
  }

  @Test
  void verify_ofPresentKeyClaimedAbsent_fails() throws Exception {
    StateProof proof = f.tree.prove(bytes("key-3"), 7);

    assertFails(withValue(proof, Optional.empty()), "state root mismatch");
  }

  @Test
  void verify_withWrongKey_fails() throws Exception {
    StateProof proof = f.tree.prove(bytes("key-3"), 7);
    StateProof other =
        new StateProof(bytes("key-4"), proof.value(), 7, root, proof.siblings(), Optional.empty());

    assertFails(other, "state root mismatch");
  }

  @Test
  void verify_withExtraSibling_fails() throws Exception {
    StateProof proof = f.tree.prove(bytes("key-3"), 7);
    List<byte[]> siblings = new ArrayList<>(proof.siblings());
    siblings.add(new byte[32]);

    assertFails(withSiblings(proof, siblings), "state root mismatch");
  }

  @Test
  void verify_withMissingSibling_fails() throws Exception {
    StateProof proof = f.tree.prove(bytes("key-3"), 7);
    List<byte[]> siblings = new ArrayList<>(proof.siblings());
    siblings.remove(siblings.size() - 1);

    assertFails(withSiblings(proof, siblings), "state root mismatch");
  }

  @Test
  void verify_withShortSibling_failsSayingTheLength() throws Exception {
    StateProof proof = f.tree.prove(bytes("key-3"), 7);
    List<byte[]> siblings = new ArrayList<>(proof.siblings());
    siblings.set(1, new byte[31]);

    assertFails(withSiblings(proof, siblings), "sibling 1 has 31 bytes, want 32");
  }

  @Test
  void verify_againstAnotherRoot_fails() throws Exception {
    StateProof proof = f.tree.prove(bytes("key-3"), 7);
    byte[] otherRoot = f.commit(8, Map.of("key-3", Optional.of("changed"))).root();

    assertFails(proof, otherRoot, "state proof is for root");
  }

  @Test
  void verify_withRootFieldSwappedToMatch_fails() throws Exception {
    StateProof proof = f.tree.prove(bytes("key-3"), 7);
    byte[] otherRoot = f.commit(8, Map.of("key-3", Optional.of("changed"))).root();
    StateProof swapped =
        new StateProof(
            proof.key(), proof.value(), 8, otherRoot, proof.siblings(), Optional.empty());

    assertFails(swapped, otherRoot, "state root mismatch");
  }

  @Test
  void verify_ofAbsenceWithOtherLeafDropped_fails() throws Exception {
    StateProof proof = absent(p -> p.otherLeaf().isPresent());

    assertFails(withOtherLeaf(proof, Optional.empty()), "state root mismatch");
  }

  @Test
  void verify_ofAbsenceWithOtherLeafsValueHashFlipped_fails() throws Exception {
    StateProof proof = absent(p -> p.otherLeaf().isPresent());
    byte[] valueHash = proof.otherLeaf().orElseThrow().valueHash();
    valueHash[0] ^= 1;

    assertFails(
        withOtherLeaf(
            proof,
            Optional.of(new StateProof.LeafDigest(proof.otherLeaf().get().keyHash(), valueHash))),
        "state root mismatch");
  }

  @Test
  void verify_ofAbsenceShowingTheKeysOwnLeaf_fails() throws Exception {
    // Someone turns a proof of key-3's value into a "proof" that key-3 is absent.
    StateProof present = f.tree.prove(bytes("key-3"), 7);
    StateProof.LeafDigest own =
        new StateProof.LeafDigest(SHA256.digest(bytes("key-3")), SHA256.digest(bytes("value-3")));

    assertFails(withValue(present, Optional.empty(), Optional.of(own)), "shows the key's own leaf");
  }

  @Test
  void verify_ofAbsenceShowingALeafOffThePath_fails() throws Exception {
    StateProof proof = absent(p -> p.otherLeaf().isPresent());
    byte[] keyHash = proof.otherLeaf().orElseThrow().keyHash();
    keyHash[0] ^= (byte) 0x80;

    assertFails(
        withOtherLeaf(
            proof,
            Optional.of(new StateProof.LeafDigest(keyHash, proof.otherLeaf().get().valueHash()))),
        "off the key's path");
  }

  @Test
  void constructor_withValueAndOtherLeaf_isRefused() {
    StateProof.LeafDigest leaf = new StateProof.LeafDigest(new byte[32], new byte[32]);

    assertThatThrownBy(
            () ->
                new StateProof(
                    bytes("k"), Optional.of(bytes("v")), 0, root, List.of(), Optional.of(leaf)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void proof_isCopiedInAndOut() throws Exception {
    StateProof proof = f.tree.prove(bytes("key-3"), 7);
    proof.siblings().get(0)[0] ^= 1;
    proof.root()[0] ^= 1;
    proof.value().orElseThrow()[0] ^= 1;

    proof.verify(SHA256, root);
    assertThat(proof).isEqualTo(f.tree.prove(bytes("key-3"), 7));
  }

  /** Every kind of corruption, on proofs of presence and absence alike, is caught. */
  @Property(tries = 300)
  void verify_withAnyTampering_fails(
      @ForAll("batch") Map<Integer, Optional<Integer>> batch,
      @ForAll("keys") int key,
      @ForAll Tampering tampering)
      throws Exception {
    StateFixture g = new StateFixture();
    byte[] good = g.commit(0, StateTreePropertiesTest.changes(batch)).root();
    StateProof proof = g.tree.prove(bytes(StateTreePropertiesTest.key(key)), 0);
    proof.verify(SHA256, good);
    Optional<StateProof> bad = tampering.apply(proof);
    Assume.that(bad.isPresent());

    assertThatThrownBy(() -> bad.get().verify(SHA256, good))
        .isInstanceOf(VerificationException.class);
  }

  enum Tampering {
    FLIP_SIBLING_BIT {
      @Override
      Optional<StateProof> apply(StateProof p) {
        if (p.siblings().isEmpty()) {
          return Optional.empty();
        }
        List<byte[]> s = new ArrayList<>(p.siblings());
        s.get(s.size() / 2)[31] ^= 1;
        return Optional.of(withSiblings(p, s));
      }
    },
    EXTRA_SIBLING_AT_END {
      @Override
      Optional<StateProof> apply(StateProof p) {
        List<byte[]> s = new ArrayList<>(p.siblings());
        s.add(new byte[32]);
        return Optional.of(withSiblings(p, s));
      }
    },
    EXTRA_SIBLING_AT_START {
      @Override
      Optional<StateProof> apply(StateProof p) {
        List<byte[]> s = new ArrayList<>(p.siblings());
        s.add(0, new byte[32]);
        return Optional.of(withSiblings(p, s));
      }
    },
    MISSING_SIBLING {
      @Override
      Optional<StateProof> apply(StateProof p) {
        if (p.siblings().isEmpty()) {
          return Optional.empty();
        }
        List<byte[]> s = new ArrayList<>(p.siblings());
        s.remove(0);
        return Optional.of(withSiblings(p, s));
      }
    },
    WRONG_VALUE {
      @Override
      Optional<StateProof> apply(StateProof p) {
        byte[] v = p.value().orElse(bytes("value-0"));
        byte[] changed = java.util.Arrays.copyOf(v, v.length + 1);
        return Optional.of(withValue(p, Optional.of(changed), Optional.empty()));
      }
    },
    CLAIM_ABSENT {
      @Override
      Optional<StateProof> apply(StateProof p) {
        return p.value().isPresent()
            ? Optional.of(withValue(p, Optional.empty()))
            : Optional.empty();
      }
    },
    WRONG_KEY {
      @Override
      Optional<StateProof> apply(StateProof p) {
        // Only for presence: another absent key on the same path would have the same absence proof.
        if (p.value().isEmpty()) {
          return Optional.empty();
        }
        byte[] k = p.key();
        k[k.length - 1] ^= 1;
        return Optional.of(
            new StateProof(k, p.value(), p.version(), p.root(), p.siblings(), p.otherLeaf()));
      }
    },
    FLIP_OTHER_LEAF_BIT {
      @Override
      Optional<StateProof> apply(StateProof p) {
        if (p.otherLeaf().isEmpty()) {
          return Optional.empty();
        }
        byte[] kh = p.otherLeaf().get().keyHash();
        kh[31] ^= 1;
        return Optional.of(
            withOtherLeaf(
                p, Optional.of(new StateProof.LeafDigest(kh, p.otherLeaf().get().valueHash()))));
      }
    },
    DROP_OTHER_LEAF {
      @Override
      Optional<StateProof> apply(StateProof p) {
        return p.otherLeaf().isPresent()
            ? Optional.of(withOtherLeaf(p, Optional.empty()))
            : Optional.empty();
      }
    },
    OTHER_ROOT {
      @Override
      Optional<StateProof> apply(StateProof p) {
        byte[] r = p.root();
        r[0] ^= 1;
        return Optional.of(
            new StateProof(p.key(), p.value(), p.version(), r, p.siblings(), p.otherLeaf()));
      }
    };

    abstract Optional<StateProof> apply(StateProof proof);
  }

  @Provide
  Arbitrary<Map<Integer, Optional<Integer>>> batch() {
    return new StateTreePropertiesTest().batch();
  }

  @Provide
  Arbitrary<Integer> keys() {
    return Arbitraries.integers().between(0, 59);
  }

  private StateProof absent(Predicate<StateProof> shape) throws Exception {
    List<String> tried = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      StateProof proof = f.tree.prove(bytes("absent-" + i), 7);
      if (shape.test(proof)) {
        return proof;
      }
      tried.add("absent-" + i);
    }
    throw new AssertionError("no absent key of the wanted shape among " + tried.size());
  }

  private void assertFails(StateProof proof, String message) {
    assertFails(proof, root, message);
  }

  private static void assertFails(StateProof proof, byte[] expectedRoot, String message) {
    assertThatThrownBy(() -> proof.verify(SHA256, expectedRoot))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining(message);
  }

  private static StateProof withSiblings(StateProof p, List<byte[]> siblings) {
    return new StateProof(p.key(), p.value(), p.version(), p.root(), siblings, p.otherLeaf());
  }

  private static StateProof withValue(StateProof p, Optional<byte[]> value) {
    return withValue(p, value, p.otherLeaf());
  }

  private static StateProof withValue(
      StateProof p, Optional<byte[]> value, Optional<StateProof.LeafDigest> other) {
    return new StateProof(p.key(), value, p.version(), p.root(), p.siblings(), other);
  }

  private static StateProof withOtherLeaf(StateProof p, Optional<StateProof.LeafDigest> other) {
    return new StateProof(p.key(), p.value(), p.version(), p.root(), p.siblings(), other);
  }
}
