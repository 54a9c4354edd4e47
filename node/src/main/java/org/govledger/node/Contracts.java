package org.govledger.node;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.govledger.ledger.anchor.AnchorContract;
import org.govledger.ledger.contract.Contract;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.governance.GovernanceContract;
import org.govledger.ledger.governance.GovernedChange;
import org.govledger.services.billing.BillingContract;
import org.govledger.services.billing.PartyChanges;
import org.govledger.services.consent.ConsentContract;
import org.govledger.services.consent.VerifierChanges;
import org.govledger.services.delegation.DelegationContract;
import org.govledger.node.config.NodeConfig;
import org.govledger.services.certificate.CertificateContract;
import org.govledger.services.certificate.catalogue.Catalogue;
import org.govledger.services.certificate.catalogue.CatalogueException;
import org.govledger.services.identity.AgencyChanges;
import org.govledger.services.identity.IdentityContract;

/**
 * The ledger's contracts, in one place, so that a node and an audit of its data run exactly the
 * same ones (an audit that ran others would find the chain different, rightly).
 */
public final class Contracts {
  private Contracts() {}

  public static List<Contract> forLedger(CryptoSuite suite, Catalogue catalogue) {
    List<GovernedChange.Kind> governed = new ArrayList<>();
    governed.addAll(new AgencyChanges(suite, id -> catalogue.find(id).isPresent()).kinds());
    governed.addAll(new VerifierChanges(suite, id -> catalogue.find(id).isPresent()).kinds());
    governed.addAll(new PartyChanges(suite).kinds());
    governed.addAll(new org.govledger.consensus.raft.MembershipChanges(suite).kinds());
    return List.of(
        new GovernanceContract(suite, governed),
        new AnchorContract(),
        new IdentityContract(),
        new CertificateContract(catalogue),
        new ConsentContract(suite.hash()),
        new DelegationContract(suite.hash()),
        new BillingContract(suite.hash()));
  }

  /** The built-in certificate types, plus those in the data directory's {@code catalogue/}. */
  public static Catalogue catalogue(NodeConfig config) throws IOException {
    if (!Files.isDirectory(config.catalogueDir())) {
      return Catalogue.builtIn();
    }
    try {
      return Catalogue.load(config.catalogueDir());
    } catch (CatalogueException e) {
      throw new IOException("extra certificate types in " + config.catalogueDir() + ": " + e.getMessage(), e);
    }
  }
}
