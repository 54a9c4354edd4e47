package org.govledger.node.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.stream.Stream;
import org.govledger.ledger.store.WriteBatch;
import org.govledger.store.rocksdb.RocksDbConfig;
import org.govledger.store.rocksdb.RocksDbStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalletStoreTest {
  private static final String ALICE = "YWxpY2UtYWxpY2UtYWxpY2U";
  private static final String BOB = "Ym9iLWJvYi1ib2ItYm9iLWJv";
  private static final String SECRET_CLAIM = "name-Zhang-San-1990";

  @TempDir Path dir;
  private final SecureRandom random = new SecureRandom();
  private final byte[] master = new byte[32];
  private RocksDbStore store;
  private WalletStore wallet;

  private WalletStore open() {
    store = RocksDbStore.open(dir.resolve("wallet"), RocksDbConfig.defaults());
    return new WalletStore(store, master, random, store::compact);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static WalletDocument doc(String type, long added) {
    return new WalletDocument(type, "ab".repeat(32), "sz-psb", "eyJ." + SECRET_CLAIM + ".sig~", added);
  }

  @Test
  void aHolderListsAndOpensTheirDocumentsAndNobodyElses() {
    random.nextBytes(master);
    wallet = open();
    String a1 = wallet.put(ALICE, doc("resident-identity-card", 1));
    String a2 = wallet.put(ALICE, doc("birth-certificate", 2));
    wallet.put(BOB, doc("driving-licence", 3));
    assertThat(wallet.list(ALICE)).extracting(WalletStore.Entry::recordId).containsExactly(a1, a2);
    assertThat(wallet.list(ALICE)).extracting(e -> e.document().type())
        .containsExactly("resident-identity-card", "birth-certificate");
    assertThat(wallet.open(ALICE, a2)).contains(doc("birth-certificate", 2));
    assertThat(wallet.open(BOB, a1)).isEmpty();
    assertThat(wallet.list(BOB)).hasSize(1);

  }

  @Test
  void recordsAreEncryptedOnDiskAndSurviveARestart() throws IOException {
    random.nextBytes(master);
    wallet = open();
    String id = wallet.put(ALICE, doc("resident-identity-card", 1));
    store.flush();
    assertThat(filesContain(SECRET_CLAIM)).as("plaintext on disk").isFalse();
    store.close();
    wallet = open();
    assertThat(wallet.open(ALICE, id)).contains(doc("resident-identity-card", 1));
  }

  @Test
  void aRecordMovedToAnotherHolderOrOpenedWithAnotherMasterKeyDoesNotDecrypt() {
    random.nextBytes(master);
    wallet = open();
    String id = wallet.put(ALICE, doc("resident-identity-card", 1));
    byte[] sealedKey = store.get(("k/" + ALICE + "/" + id).getBytes()).orElseThrow();
    byte[] sealedRecord = store.get(("r/" + ALICE + "/" + id).getBytes()).orElseThrow();
    store.write(new WriteBatch().put(("k/" + BOB + "/" + id).getBytes(), sealedKey)
        .put(("r/" + BOB + "/" + id).getBytes(), sealedRecord));
    assertThatThrownBy(() -> wallet.open(BOB, id)).isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("does not decrypt");
    byte[] otherMaster = new byte[32];
    random.nextBytes(otherMaster);
    WalletStore other = new WalletStore(store, otherMaster, random, () -> {});
    assertThatThrownBy(() -> other.open(ALICE, id)).isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void erasingARecordDestroysItsKeyAndItsCiphertext() throws IOException {
    random.nextBytes(master);
    wallet = open();
    String id = wallet.put(ALICE, doc("resident-identity-card", 1));
    String kept = wallet.put(ALICE, doc("birth-certificate", 2));
    store.flush();
    byte[] sealedKey = store.get(("k/" + ALICE + "/" + id).getBytes()).orElseThrow();
    assertThat(wallet.erase(ALICE, id)).isTrue();
    assertThat(wallet.erase(ALICE, id)).isFalse();
    assertThat(wallet.open(ALICE, id)).isEmpty();
    assertThat(wallet.hasCiphertext(ALICE, id)).isFalse();
    assertThat(wallet.list(ALICE)).extracting(WalletStore.Entry::recordId).containsExactly(kept);
    assertThat(filesContain(new String(sealedKey, java.nio.charset.StandardCharsets.ISO_8859_1)))
        .as("the sealed key is gone from the files after the purge").isFalse();
  }

  @Test
  void theWalletKnowsWhichCredentialsItHoldsWithoutOpeningThem() {
    random.nextBytes(master);
    wallet = open();
    String id = wallet.put(ALICE, new WalletDocument("birth-certificate", "01".repeat(32), "sz-health", "x~", 1));
    assertThat(wallet.holds(ALICE, "01".repeat(32))).isTrue();
    assertThat(wallet.holds(ALICE, "02".repeat(32))).isFalse();
    assertThat(wallet.holds(BOB, "01".repeat(32))).as("another holder's wallet").isFalse();
    assertThat(wallet.erase(ALICE, id)).isTrue();
    assertThat(wallet.holds(ALICE, "01".repeat(32))).as("erased with its record").isFalse();
  }

  @Test
  void badIdsAreRefusedOrNotFound() {
    random.nextBytes(master);
    wallet = open();
    assertThatThrownBy(() -> wallet.put("short", doc("x", 1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subject id");
    assertThat(wallet.open(ALICE, "../../etc/passwd")).isEmpty();
    assertThat(wallet.erase(ALICE, "nope")).isFalse();
    assertThatThrownBy(() -> new WalletStore(store, new byte[16], random, () -> {}))
        .hasMessageContaining("32 bytes");
  }

  private boolean filesContain(String needle) throws IOException {
    byte[] n = needle.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        byte[] content = Files.readAllBytes(p);
        if (indexOf(content, n) >= 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
