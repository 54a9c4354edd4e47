package org.govledger.services.certificate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.govledger.credentials.Check;
import org.govledger.credentials.Check.Outcome;
import org.govledger.credentials.CredentialContents;
import org.govledger.credentials.CredentialVerification;
import org.govledger.credentials.KeyBindingPolicy;
import org.govledger.credentials.PublicJwk;
import org.govledger.credentials.SdJwtVerifier;
import org.govledger.ledger.VerificationException;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.engine.CommittedBlock;
import org.govledger.ledger.engine.LedgerView;
import org.govledger.ledger.engine.TxLocation;
import org.govledger.ledger.merkle.InclusionProof;
import org.govledger.ledger.merkle.MerkleHashing;
import org.govledger.ledger.tx.KeyId;
import org.govledger.ledger.tx.TxId;
import org.govledger.services.certificate.catalogue.Catalogue;
import org.govledger.services.certificate.catalogue.CertificateType;
import org.govledger.services.identity.Agencies;
import org.govledger.services.identity.Agency;
import org.govledger.services.identity.RegisteredKey;
import org.govledger.services.identity.Subject;
import org.govledger.services.identity.Subjects;

/**
 * Verifies an e-certificate: the credential's own checks (format, issuer signature, disclosures,
 * validity period, holder binding) and what the ledger says of it (the issuer was authorised for
 * the type when it was anchored and its key is in force, the credential is anchored with an
 * inclusion proof, its status now, the holder key is bound to the subject). Every check is
 * reported with its outcome; none of the details holds a claim value.
 */
public final class CertificateVerifier {
  public static final String ANCHORED = "anchored";
  public static final String ISSUER_AUTHORISED = "issuer-authorised";
  public static final String STATUS = "status";
  public static final String HOLDER_KEY = "holder-key";

  private final LedgerView view;
  private final Clock clock;
  private final CryptoSuite suite;
  private final Map<String, CertificateType> byVct;
  private final SdJwtVerifier credentials = SdJwtVerifier.forSdJwtVc();
  /**
   * Anchoring proofs kept, at most: each is about 3 KB on the heap (a checkpoint and about 18
   * hashes in hex), so 100,000 of them took 300 MB and a consent run on a node with a 512 MB heap
   * ran out of memory.
   */
  private static final int MAX_CACHED_ANCHORS = 10_000;
  /** Anchoring proofs by credential id: a block and its checkpoint never change. */
  private final java.util.Map<String, ObjectNode> anchors = new java.util.concurrent.ConcurrentHashMap<>();
  /** Agencies' keys, decoded once: a key's bytes never change (revocation is checked apart). */
  private final java.util.Map<KeyId, PublicJwk> issuerKeys = new java.util.concurrent.ConcurrentHashMap<>();

  public CertificateVerifier(Catalogue catalogue, LedgerView view, Clock clock) {
    this.view = view;
    this.clock = clock;
    this.suite = view.genesis().suite();
    this.byVct = catalogue.all().stream().collect(Collectors.toMap(CertificateType::vct, Function.identity()));
  }

  /** The outcome: every check, and what was verified when the credential could be read. */
  public record Verdict(List<Check> checks, Optional<Verified> verified) {
    public Verdict {
      checks = List.copyOf(checks);
    }

    public boolean valid() {
      return checks.stream().allMatch(c -> c.outcome() == Outcome.PASSED);
    }

    public Optional<Check> check(String name) {
      return checks.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The first failed check, to name in a one-line answer. */
    public Optional<Check> firstFailure() {
      return checks.stream().filter(c -> c.outcome() == Outcome.FAILED).findFirst();
    }
  }

  /**
   * What a valid (or partly valid) credential says.
   *
   * @param anchor where the ledger records the issue: tx id, height, log index, tree size,
   *     inclusion path and the signed checkpoint of that block, which it verifies against; absent
   *     if not anchored
   */
  public record Verified(String credentialId, Optional<String> type, String agency,
      Optional<String> status, ObjectNode disclosed, Optional<ObjectNode> anchor) {
    public Verified {
      disclosed = disclosed.deepCopy();
      anchor = anchor.map(ObjectNode::deepCopy);
    }

    @Override
    public ObjectNode disclosed() {
      return disclosed.deepCopy();
    }
  }

  public Verdict verify(String presentation, KeyBindingPolicy policy) {
    CredentialVerification v = credentials.verify(presentation, this::issuerKey, policy,
        clock.instant().getEpochSecond());
    List<Check> checks = new ArrayList<>(v.checks());
    if (v.contents().isEmpty() || v.check(Check.ISSUER_SIGNATURE).map(c -> c.outcome() != Outcome.PASSED).orElse(true)) {
      for (String name : List.of(ANCHORED, ISSUER_AUTHORISED, STATUS, HOLDER_KEY)) {
        checks.add(new Check(name, Outcome.NOT_RUN, "the credential's signature did not verify"));
      }
      return new Verdict(checks, Optional.empty());
    }
    CredentialContents c = v.contents().get();
    String id = CertificateIssuer.idOf(suite.hash(), c.issuerJwt());
    String agencyId = Agency.idFromIssuer(c.issuer()).orElseThrow(); // issuerKey() resolved it
    Optional<CertificateType> type = c.vct().map(byVct::get);
    Optional<CertificateRecord> record = Certificates.lookup(view::stateValue, id);
    Optional<ObjectNode> anchor = Optional.empty();

    // anchored
    if (record.isEmpty()) {
      checks.add(failed(ANCHORED, "no certificate with this credential's digest is anchored on the ledger"));
    } else if (type.isEmpty() || !record.get().type().equals(type.get().id())) {
      checks.add(failed(ANCHORED, "the ledger anchors this credential as " + record.get().type()
          + ", but it says it is " + c.vct().orElse("of no type")));
    } else if (!record.get().agency().equals(agencyId) || !record.get().issuerKey().value().equals(c.keyId())) {
      checks.add(failed(ANCHORED, "the ledger records another issuer or key for this credential"));
    } else {
      try {
        anchor = Optional.of(anchorProof(record.get()));
        checks.add(passed(ANCHORED, "anchored at height " + record.get().height() + " in transaction "
            + record.get().tx() + "; its inclusion proof verifies against that block's signed checkpoint"));
      } catch (VerificationException e) {
        checks.add(failed(ANCHORED, "the anchoring transaction's inclusion proof does not verify: " + e.getMessage()));
      }
    }

    // issuer authorised, at issue time, with a key in force now
    Agency agency = Agencies.lookup(view::stateValue, agencyId).orElseThrow();
    RegisteredKey key = agency.key(new KeyId(c.keyId())).orElseThrow();
    if (key.revoked()) {
      checks.add(failed(ISSUER_AUTHORISED, "key " + key.keyId() + " of " + agencyId + " was revoked;"
          + " credentials it signed are no longer trusted"));
    } else if (record.isEmpty() || type.isEmpty()) {
      checks.add(new Check(ISSUER_AUTHORISED, Outcome.NOT_RUN, "the issue time is known only from the ledger's record"));
    } else if (!agency.authorisedFor(type.get().id(), record.get().issuedAtMillis())) {
      checks.add(failed(ISSUER_AUTHORISED, "agency " + agencyId + " was not authorised to issue "
          + type.get().id() + " when this credential was anchored"));
    } else {
      checks.add(passed(ISSUER_AUTHORISED, agencyId + " (" + agency.name() + ") was authorised for "
          + type.get().id() + " when it issued this credential"));
    }

    // status now, by the latest block's time
    Optional<String> statusLabel = Optional.empty();
    if (record.isEmpty()) {
      checks.add(new Check(STATUS, Outcome.NOT_RUN, "not anchored, so no status"));
    } else {
      CertificateStatus s = record.get().statusAt(view.head().header().time());
      statusLabel = Optional.of(s.label());
      CertificateRecord.StatusChange last = record.get().history().get(record.get().history().size() - 1);
      checks.add(s == CertificateStatus.VALID
          ? passed(STATUS, "valid")
          : failed(STATUS, s.label() + (s == CertificateStatus.SUSPENDED || s == CertificateStatus.REVOKED
              ? " (reason: " + last.reason() + ")" : "")));
    }

    // holder key bound to the subject and not revoked
    if (record.isEmpty() || c.holderKey().isEmpty()) {
      checks.add(new Check(HOLDER_KEY, Outcome.NOT_RUN, record.isEmpty()
          ? "not anchored, so no subject to check the holder key against" : "the credential names no holder key"));
    } else {
      String thumbprint = c.holderKey().get().thumbprint();
      Optional<Subject.HolderKey> hk = Subjects.lookup(view::stateValue, record.get().subject())
          .flatMap(s -> s.key(thumbprint));
      if (!thumbprint.equals(record.get().holder()) || hk.isEmpty()) {
        checks.add(failed(HOLDER_KEY, "the credential's holder key is not the one the ledger anchored it for"));
      } else if (hk.get().revokedMillis().isPresent()) {
        checks.add(failed(HOLDER_KEY, "the credential's holder key was revoked (" + hk.get().reason().orElse("") + ")"));
      } else {
        checks.add(passed(HOLDER_KEY, "the holder key is bound to the subject by the identity authority"));
      }
    }
    return new Verdict(checks, Optional.of(new Verified(id, type.map(CertificateType::id), agencyId,
        statusLabel, c.disclosedClaims(), anchor)));
  }

  private Optional<PublicJwk> issuerKey(String iss, String kid) {
    Optional<Agency> agency = Agency.idFromIssuer(iss).flatMap(id -> Agencies.lookup(view::stateValue, id));
    KeyId keyId;
    try {
      keyId = new KeyId(kid);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    Optional<RegisteredKey> key = agency.flatMap(a -> a.key(keyId));
    if (key.isEmpty()) {
      return Optional.empty();
    }
    if (issuerKeys.size() > 100_000) {
      issuerKeys.clear(); // bounded; agencies have a handful of keys each
    }
    return Optional.of(issuerKeys.computeIfAbsent(keyId, k -> new PublicJwk(suite, key.get().publicKey())));
  }

  /**
   * The anchoring transaction's inclusion proof against the signed checkpoint of its own block,
   * checked here too. A block never changes, so the proof is kept per credential: verifying the
   * same credential again reads nothing more from the store.
   */
  private ObjectNode anchorProof(CertificateRecord r) throws VerificationException {
    ObjectNode known = anchors.get(r.id());
    if (known != null) {
      return known.deepCopy();
    }
    TxId txId = TxId.parse(r.tx());
    TxLocation loc = view.locate(txId)
        .orElseThrow(() -> new VerificationException("the ledger has no transaction " + r.tx()));
    CommittedBlock block = view.block(loc.height())
        .orElseThrow(() -> new VerificationException("the ledger has no block " + loc.height()));
    long size = block.header().logSize();
    byte[] tx = view.transaction(loc.logIndex()).orElseThrow();
    InclusionProof proof = view.inclusionProof(loc.logIndex(), size);
    proof.verify(suite.hash(), MerkleHashing.leafHash(suite.hash(), tx), block.header().txRoot());
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("txId", r.tx());
    o.put("height", loc.height());
    o.put("logIndex", loc.logIndex());
    o.put("treeSize", size);
    ArrayNode path = o.putArray("inclusionPath");
    proof.path().forEach(h -> path.add(HexFormat.of().formatHex(h)));
    o.put("checkpoint", block.checkpoint());
    if (anchors.size() >= MAX_CACHED_ANCHORS) {
      anchors.clear(); // bounded; the busy credentials come back at once
    }
    anchors.put(r.id(), o);
    return o.deepCopy();
  }

  private static Check passed(String name, String detail) {
    return new Check(name, Outcome.PASSED, detail);
  }

  private static Check failed(String name, String detail) {
    return new Check(name, Outcome.FAILED, detail);
  }
}
