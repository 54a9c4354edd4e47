package org.govledger.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StoreEntryTest {

  @Test
  void entry_copiesWhatItIsGiven_andWhatItHandsOut() {
    byte[] key = bytes("key");
    byte[] value = bytes("value");
    Store.Entry entry = new Store.Entry(key, value);
    key[0] = 'X';
    value[0] = 'X';
    entry.value()[1] = 'X';

    assertThat(text(entry.key())).isEqualTo("key");
    assertThat(text(entry.value())).isEqualTo("value");
  }

  @Test
  void withoutKeyPrefix_cutsTheKey_andKeepsTheValue() {
    Store.Entry entry = Store.Entry.owning(bytes("state/n1"), bytes("node"));

    Store.Entry cut = entry.withoutKeyPrefix(6);

    assertThat(text(cut.key())).isEqualTo("n1");
    assertThat(text(cut.value())).isEqualTo("node");
    assertThat(text(entry.key())).isEqualTo("state/n1");
    assertThat(entry.withoutKeyPrefix(0)).isEqualTo(entry);
  }

  @Test
  void withoutKeyPrefix_longerThanTheKey_isRefused() {
    Store.Entry entry = new Store.Entry(bytes("ab"), bytes("v"));

    assertThatThrownBy(() -> entry.withoutKeyPrefix(3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot cut 3 bytes off a key of 2");
  }

  @Test
  void entries_withEqualBytes_areEqual() {
    assertThat(new Store.Entry(bytes("k"), bytes("v")))
        .isEqualTo(Store.Entry.owning(bytes("k"), bytes("v")))
        .hasSameHashCodeAs(new Store.Entry(bytes("k"), bytes("v")))
        .isNotEqualTo(new Store.Entry(bytes("k"), bytes("w")));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
