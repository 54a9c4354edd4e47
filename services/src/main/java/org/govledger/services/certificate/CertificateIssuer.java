package org.govledger.services.certificate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.govledger.credentials.CredentialClaims;
import org.govledger.credentials.IssuedCredential;
import org.govledger.credentials.PublicJwk;
import org.govledger.credentials.SdJwtIssuer;
import org.govledger.ledger.crypto.HashFunction;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.ledger.tx.KeyId;
import org.govledger.services.certificate.catalogue.Catalogue;
import org.govledger.services.certificate.catalogue.CertificateType;
import org.govledger.services.certificate.catalogue.ClaimsRejectedException;
import org.govledger.services.identity.Agency;

/**
 * An agency's side of issuing: checks the claims against the type's schema, builds the SD-JWT VC
 * (every claim selectively disclosable, bound to the holder's wallet key, with its validity
 * period) signed with the agency's key, and gives the body of the {@code certificate/issue}
 * transaction that anchors its digest. Runs wherever the agency's key is (its console, the SDK,
 * the CLI); the ledger never sees the claims.
 */
public final class CertificateIssuer {
  /** Claims a digitised paper document adds, besides its type's own. */
  public static final String PAPER_NUMBER_CLAIM = "paperDocumentNumber";
  public static final String PAPER_SCAN_CLAIM = "paperScanDigest";
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  private final Catalogue catalogue;
  private final String agencyId;
  private final HashFunction ledgerHash;
  private final SdJwtIssuer signer;

  /**
   * @param agencyKey the agency's key, registered on the ledger (its key id becomes the {@code kid})
   * @param ledgerHash the ledger's hash function, which names credentials on the ledger
   */
  public CertificateIssuer(Catalogue catalogue, String agencyId, SigningKey agencyKey, HashFunction ledgerHash) {
    this.catalogue = catalogue;
    this.agencyId = Agency.checkId(agencyId);
    this.ledgerHash = ledgerHash;
    this.signer = new SdJwtIssuer(agencyKey, Agency.issuerOf(agencyId),
        KeyId.of(agencyKey.suite(), agencyKey.publicKey()).value());
  }

  /**
   * What to issue.
   *
   * @param validFrom start of validity, epoch seconds
   * @param validUntil end of validity; empty takes the type's default (none if it never expires)
   * @param paper set when digitising a paper document the agency holds on record
   */
  public record Request(String type, String subject, PublicJwk holderKey, ObjectNode claims,
      long validFrom, Optional<Long> validUntil, Optional<PaperOrigin> paper) {
    public Request {
      claims = claims.deepCopy();
    }

    @Override
    public ObjectNode claims() {
      return claims.deepCopy();
    }
  }

  /** The paper document a credential digitises: its number and the digest of its scan. */
  public record PaperOrigin(String documentNumber, String scanDigestHex) {
    public PaperOrigin {
      if (documentNumber == null || documentNumber.isBlank() || documentNumber.length() > 64) {
        throw new IllegalArgumentException("a paper document number is 1-64 characters");
      }
      if (scanDigestHex == null || !HEX64.matcher(scanDigestHex).matches()) {
        throw new IllegalArgumentException("the scan digest is 64 lower-case hex digits (SHA-256 or SM3)");
      }
    }
  }

  /**
   * An issued certificate: the credential for the holder's wallet, its ledger id, and the body of
   * the transaction that anchors it.
   */
  public record Issued(String id, String type, String credential, ObjectNode anchorBody) {
    public Issued {
      anchorBody = anchorBody.deepCopy();
    }

    @Override
    public ObjectNode anchorBody() {
      return anchorBody.deepCopy();
    }
  }

  /**
   * Builds and signs the credential. Nothing is sent anywhere: submit {@link Issued#anchorBody()}
   * as {@code certificate/issue}, signed with the same agency key, then deliver the credential.
   *
   * @throws ClaimsRejectedException naming every claim that breaks the type's schema
   * @param issuedAt the credential's {@code iat}, epoch seconds (now)
   * @throws IllegalArgumentException for an unknown type or a period that ends before it starts
   */
  public Issued issue(Request r, long issuedAt, SecureRandom random) throws ClaimsRejectedException {
    CertificateType type = catalogue.find(r.type()).orElseThrow(() -> new IllegalArgumentException(
        "\"" + r.type() + "\" is not a certificate type in the catalogue; GET /api/v1/certificate-types lists them"));
    type.requireValid(r.claims());
    Optional<Long> until = r.validUntil().or(() -> type.defaultValidityDays()
        .map(days -> r.validFrom() + days * 86_400L));
    if (until.filter(u -> u <= r.validFrom()).isPresent()) {
      throw new IllegalArgumentException("the validity period ends before it starts");
    }
    ObjectNode claims = r.claims();
    r.paper().ifPresent(p -> {
      claims.put(PAPER_NUMBER_CLAIM, p.documentNumber());
      claims.put(PAPER_SCAN_CLAIM, p.scanDigestHex());
    });
    IssuedCredential credential = signer.issue(new CredentialClaims(type.vct(), claims, r.holderKey(),
        issuedAt, r.validFrom(), until.map(OptionalLong::of).orElse(OptionalLong.empty()),
        JsonNodeFactory.instance.objectNode()), random);
    String id = idOf(ledgerHash, credential.issuerJwt());
    return new Issued(id, type.id(), credential.compact(), CertificateContract.issueBody(
        id, type.id(), r.subject(), r.holderKey().thumbprint(), r.validFrom(), until, r.paper().isPresent()));
  }

  /** A credential's id on the ledger: the hash of its issuer-signed JWT, in hex. */
  public static String idOf(HashFunction ledgerHash, String issuerJwt) {
    return HexFormat.of().formatHex(ledgerHash.digest(issuerJwt.getBytes(StandardCharsets.US_ASCII)));
  }

  public String agencyId() {
    return agencyId;
  }
}
