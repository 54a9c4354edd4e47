package org.govledger.node.wallet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.govledger.ledger.json.Canonical;
import org.govledger.ledger.store.Store;
import org.govledger.ledger.store.WriteBatch;

/**
 * Holders' documents, encrypted at rest per record with AES-256-GCM under a key of their own.
 * Each record key is itself sealed under the node's wallet master key and kept apart from the
 * record; erasing a record deletes both, and with its key gone a surviving copy of the
 * ciphertext (a backup, an old file) is noise. The record's place (subject and record id) is
 * bound in as associated data, so a ciphertext moved to another holder does not open.
 *
 * <p>Who may read is not this class's business: the HTTP layer lets through only requests the
 * holder signed.
 */
public final class WalletStore {
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int MAX_RECORDS_PER_HOLDER = 1000;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{16,64}");

  private final Store store;
  private final SecretKeySpec master;
  private final SecureRandom random;
  private final Runnable purge;

  /**
   * @param store where records and sealed keys live (its own store, not the ledger's)
   * @param masterKey 32 bytes; losing it loses every record
   * @param purge called after an erase, to make the store drop deleted data from its files (a
   *     RocksDB compaction)
   */
  public WalletStore(Store store, byte[] masterKey, SecureRandom random, Runnable purge) {
    if (masterKey.length != KEY_BYTES) {
      throw new IllegalArgumentException("the wallet master key is 32 bytes, got " + masterKey.length);
    }
    this.store = store;
    this.master = new SecretKeySpec(masterKey.clone(), "AES");
    this.random = random;
    this.purge = purge;
  }

  /** A document in the list, with the id to open or erase it by. */
  public record Entry(String recordId, WalletDocument document) {}

  /**
   * Stores a document for {@code subject}; returns its record id.
   *
   * @throws IllegalStateException if the holder already has the maximum number of records
   */
  public synchronized String put(String subject, WalletDocument doc) {
    checkId(subject, "subject");
    if (store.scan(prefix('r', subject), end('r', subject), MAX_RECORDS_PER_HOLDER).size()
        >= MAX_RECORDS_PER_HOLDER) {
      throw new IllegalStateException("this wallet holds " + MAX_RECORDS_PER_HOLDER
          + " documents, the most it may; erase some first");
    }
    byte[] idBytes = new byte[16];
    random.nextBytes(idBytes);
    String recordId = Base64.getUrlEncoder().withoutPadding().encodeToString(idBytes);
    byte[] recordKey = new byte[KEY_BYTES];
    random.nextBytes(recordKey);
    byte[] ad = associatedData(subject, recordId);
    byte[] sealedKey = seal(new SecretKeySpec(master.getEncoded(), "AES"), recordKey, concat("key|", ad));
    byte[] sealedRecord = seal(new SecretKeySpec(recordKey, "AES"), Canonical.canonicalize(doc.toJson()), ad);
    Arrays.fill(recordKey, (byte) 0);
    store.write(new WriteBatch()
        .put(key('k', subject, recordId), sealedKey)
        .put(key('r', subject, recordId), sealedRecord)
        .put(key('c', subject, blind(doc.credentialId())), recordId.getBytes(StandardCharsets.US_ASCII)));
    return recordId;
  }

  /**
   * Whether the holder's wallet has a document with this credential id, without opening any
   * record: an index keyed by a keyed hash of the id (so the store's files do not list which
   * credentials a holder has).
   */
  public boolean holds(String subject, String credentialId) {
    checkId(subject, "subject");
    return store.get(key('c', subject, blind(credentialId))).isPresent();
  }

  private String blind(String credentialId) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(master.getEncoded(), "HmacSHA256"));
      byte[] h = mac.doFinal(("credential|" + credentialId).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(h, 16));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  /** The holder's documents, oldest first. */
  public List<Entry> list(String subject) {
    checkId(subject, "subject");
    List<Entry> out = new ArrayList<>();
    for (Store.Entry e : store.scan(prefix('r', subject), end('r', subject), MAX_RECORDS_PER_HOLDER)) {
      String recordId = new String(e.key(), StandardCharsets.US_ASCII).substring(prefix('r', subject).length);
      open(subject, recordId).ifPresent(d -> out.add(new Entry(recordId, d)));
    }
    out.sort((a, b) -> Long.compare(a.document().addedMillis(), b.document().addedMillis()));
    return out;
  }

  /** One document, if the holder has it (and it was not erased). */
  public Optional<WalletDocument> open(String subject, String recordId) {
    checkId(subject, "subject");
    if (!ID.matcher(recordId).matches()) {
      return Optional.empty();
    }
    Optional<byte[]> sealedKey = store.get(key('k', subject, recordId));
    Optional<byte[]> sealedRecord = store.get(key('r', subject, recordId));
    if (sealedKey.isEmpty() || sealedRecord.isEmpty()) {
      return Optional.empty();
    }
    byte[] ad = associatedData(subject, recordId);
    byte[] recordKey = unseal(master, sealedKey.get(), concat("key|", ad));
    byte[] plain = unseal(new SecretKeySpec(recordKey, "AES"), sealedRecord.get(), ad);
    Arrays.fill(recordKey, (byte) 0);
    return Optional.of(WalletDocument.fromJson(Canonical.read(plain)));
  }

  /** Erases a document: its key first, then the ciphertext. Returns whether there was one. */
  public synchronized boolean erase(String subject, String recordId) {
    checkId(subject, "subject");
    if (!ID.matcher(recordId).matches() || store.get(key('k', subject, recordId)).isEmpty()) {
      return false;
    }
    String credentialId = open(subject, recordId).orElseThrow().credentialId();
    store.write(new WriteBatch().delete(key('k', subject, recordId)).delete(key('r', subject, recordId))
        .delete(key('c', subject, blind(credentialId))));
    purge.run();
    return true;
  }

  /** Whether a sealed record (not necessarily readable) is in the store; for tests. */
  boolean hasCiphertext(String subject, String recordId) {
    return store.get(key('r', subject, recordId)).isPresent();
  }

  private byte[] seal(SecretKeySpec key, byte[] plain, byte[] ad) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(ad);
      byte[] ct = c.doFinal(plain);
      return ByteBuffer.allocate(NONCE_BYTES + ct.length).put(nonce).put(ct).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is missing from this JDK", e);
    }
  }

  private static byte[] unseal(SecretKeySpec key, byte[] sealed, byte[] ad) {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
      c.updateAAD(ad);
      return c.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new UncheckedIOException(new IOException(
          "a wallet record does not decrypt: the store or the master key was altered or swapped", e));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is missing from this JDK", e);
    }
  }

  private static byte[] associatedData(String subject, String recordId) {
    return ("govledger wallet v1|" + subject + "|" + recordId).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(String a, byte[] b) {
    byte[] x = a.getBytes(StandardCharsets.US_ASCII);
    byte[] out = Arrays.copyOf(x, x.length + b.length);
    System.arraycopy(b, 0, out, x.length, b.length);
    return out;
  }

  private static byte[] key(char kind, String subject, String recordId) {
    return (kind + "/" + subject + "/" + recordId).getBytes(StandardCharsets.US_ASCII);
  }

  private static String prefixString(char kind, String subject) {
    return kind + "/" + subject + "/";
  }

  private static byte[] prefix(char kind, String subject) {
    return prefixString(kind, subject).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] end(char kind, String subject) {
    return (kind + "/" + subject + "0").getBytes(StandardCharsets.US_ASCII); // '0' follows '/'
  }

  private static void checkId(String id, String what) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("a " + what + " id is 16-64 base64url characters");
    }
  }
}
