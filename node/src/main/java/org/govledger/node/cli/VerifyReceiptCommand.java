package org.govledger.node.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.govledger.client.Receipt;
import org.govledger.client.ReceiptVerifier;
import org.govledger.client.TrustAnchor;
import org.govledger.ledger.VerificationException;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.merkle.Checkpoint;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify-receipt", mixinStandardHelpOptions = true,
    description = {"Checks a receipt offline against a node's public key: the checkpoint's"
        + " signature, the inclusion proof, and the transaction id.",
        "Trust comes from --trust (a saved copy of the node's /api/v1/info) or from --ledger,"
            + " --suite and --node-key.", "Exit code 0: valid; 1: invalid (the reason is printed)."})
final class VerifyReceiptCommand implements Callable<Integer> {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Option(names = "--receipt", required = true, description = "receipt JSON file")
  Path receipt;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Trust trust;

  static final class Trust {
    @Option(names = "--trust", description = "the node's /api/v1/info saved as a file")
    Path infoFile;

    @ArgGroup(exclusive = false)
    Explicit explicit;
  }

  static final class Explicit {
    @Option(names = "--ledger", required = true) String ledger;
    @Option(names = "--suite", required = true) String suite;
    @Option(names = "--node-key", required = true, description = "node public key, base64url") String nodeKey;
  }

  @Override
  public Integer call() throws Exception {
    TrustAnchor anchor = trust.infoFile != null
        ? TrustAnchor.fromInfo(MAPPER.readTree(trust.infoFile.toFile()))
        : new TrustAnchor(trust.explicit.ledger, CryptoSuite.fromId(trust.explicit.suite),
            Base64.getUrlDecoder().decode(trust.explicit.nodeKey));
    if (!java.nio.file.Files.exists(receipt)) {
      throw new IllegalArgumentException("no receipt file at " + receipt);
    }
    Receipt r = Receipt.fromJson(MAPPER.readTree(receipt.toFile()));
    try {
      Checkpoint cp = new ReceiptVerifier(anchor).verify(r);
      System.out.printf("receipt VALID: transaction %s is entry %d of ledger %s's log, committed"
          + " in block %d; checkpoint of size %d signed by the trusted node%n",
          r.txId(), r.logIndex(), r.ledger(), r.height(), cp.size());
      return 0;
    } catch (VerificationException e) {
      System.out.println("receipt INVALID: " + e.getMessage());
      return 1;
    }
  }
}
