package org.govledger.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.govledger.client.ClientException;
import org.govledger.client.GovLedgerClient;
import org.govledger.client.KeyFile;
import org.govledger.credentials.HolderProof;
import org.govledger.credentials.SdJwt;
import org.govledger.credentials.SignedStatement;
import org.govledger.ledger.crypto.SigningKey;
import org.govledger.services.delegation.DelegationContract;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "delegation", mixinStandardHelpOptions = true,
    description = {"Delegation: grant someone the right to act for you (or your company), revoke it, see it;"
        + " as an agency, apply for a grantee and get the decision with every check.",
        "Examples: govledger delegation grant --key data/keys/holders/zhang-wei.json --grantor <subject>"
            + " --grantee <subject> --services household-register --offices sz-psb --until 2026-12-31 --uses 2",
        "          govledger delegation show <grant id>",
        "          govledger delegation revoke <grant id> --key data/keys/holders/zhang-wei.json",
        "          govledger delegation apply <grant id> --key data/keys/agencies/sz-psb.json --agency sz-psb"
            + " --service household-register --id-card grantee-id.sdjwt --holder-key data/keys/holders/li-na.json"})
final class DelegationCommand implements Callable<Integer> {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Option(names = "--node", description = "node URL (default: ${DEFAULT-VALUE})")
  URI node = URI.create("http://127.0.0.1:8080");

  @Option(names = "--key", description = "grant, revoke: the signer's wallet key; apply: the agency's key")
  Path key;

  @Option(names = "--grantor", description = "grant: the grantor's subject id (a person, or a company)")
  String grantor;

  @Option(names = "--representative", description = "grant: for a company, the subject id of the person signing for it")
  String representative;

  @Option(names = "--grantee", description = "grant: the grantee's subject id")
  String grantee;

  @Option(names = "--parent", description = "grant: pass on this grant (no wider than it)")
  String parent;

  @Option(names = "--services", split = ",", description = "grant: service codes in scope")
  List<String> services = List.of();

  @Option(names = "--offices", split = ",", description = "grant: agency ids where the grantee may act")
  List<String> offices = List.of();

  @Option(names = "--from", description = "grant: first day, YYYY-MM-DD (default: now)")
  LocalDate from;

  @Option(names = "--until", description = "grant: last day, YYYY-MM-DD")
  LocalDate until;

  @Option(names = "--uses", description = "grant: how many applications (default: ${DEFAULT-VALUE})")
  int uses = 1;

  @Option(names = "--may-delegate", description = "grant: the grantee may pass it on")
  boolean mayDelegate;

  @Option(names = "--agency", description = "apply: the agency's id")
  String agency;

  @Option(names = "--service", description = "apply: the service applied for")
  String service;

  @Option(names = "--id-card", description = "apply: the grantee's resident identity credential (SD-JWT file)")
  Path idCard;

  @Option(names = "--holder-key", description = "apply: the grantee's wallet key, to bind the presentation (at the counter)")
  Path holderKey;

  @Parameters(index = "0", paramLabel = "ACTION", description = "grant, revoke, show or apply")
  String action;

  @Parameters(index = "1", arity = "0..1", paramLabel = "GRANT", description = "revoke, show, apply: the grant id")
  String grant;

  @Override
  public Integer call() throws Exception {
    GovLedgerClient client = new GovLedgerClient(node);
    try {
      JsonNode out = switch (action) {
        case "grant" -> client.post("/api/v1/delegations", statement(DelegationContract.GRANT_TYP, grantPayload()));
        case "revoke" -> {
          ObjectNode p = MAPPER.createObjectNode();
          p.put("grant", needGrant());
          p.put("iat", Instant.now().getEpochSecond());
          yield client.post("/api/v1/delegations/revoke", statement(DelegationContract.REVOCATION_TYP, p));
        }
        case "show" -> client.get("/api/v1/delegations/" + needGrant());
        case "apply" -> apply(client);
        default -> throw new IllegalArgumentException("ACTION is grant, revoke, show or apply, not " + action);
      };
      System.out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out));
      return !action.equals("apply") || out.path("outcome").asText().equals("granted") ? 0 : 1;
    } catch (ClientException e) {
      System.err.println("refused: " + e.type() + ": " + e.getMessage());
      return 1;
    }
  }

  private ObjectNode grantPayload() {
    if (grantor == null || grantee == null || services.isEmpty() || offices.isEmpty() || until == null) {
      throw new IllegalArgumentException("grant needs --grantor, --grantee, --services, --offices and --until");
    }
    long now = Instant.now().getEpochSecond();
    ObjectNode p = MAPPER.createObjectNode();
    p.put("grantor", grantor);
    p.put("grantee", grantee);
    services.forEach(p.putArray("services")::add);
    offices.forEach(p.putArray("offices")::add);
    p.put("nbf", from == null ? now : from.atStartOfDay().toEpochSecond(ZoneOffset.UTC));
    p.put("exp", until.plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC));
    p.put("maxUses", uses);
    p.put("mayDelegate", mayDelegate);
    if (parent != null) {
      p.put("parent", parent);
    }
    if (representative != null) {
      p.put("representative", representative);
    }
    p.put("iat", now);
    return p;
  }

  private ObjectNode statement(String typ, ObjectNode payload) throws Exception {
    if (key == null) {
      throw new IllegalArgumentException(action + " needs --key, the signer's wallet key file");
    }
    ObjectNode body = MAPPER.createObjectNode();
    body.put("statement", SignedStatement.sign(KeyFile.read(key), typ, payload));
    return body;
  }

  private JsonNode apply(GovLedgerClient client) throws Exception {
    if (key == null || agency == null || service == null || idCard == null || holderKey == null) {
      throw new IllegalArgumentException("apply needs --key (the agency's), --agency, --service, --id-card and --holder-key");
    }
    SigningKey agencyKey = KeyFile.read(key);
    SecureRandom random = new SecureRandom();
    byte[] a = new byte[16];
    random.nextBytes(a);
    String application = Base64.getUrlEncoder().withoutPadding().encodeToString(a);
    String presentation = SdJwt.parse(Files.readString(idCard).strip()).present(Set.of("name"), KeyFile.read(holderKey),
        agency, application, Instant.now().getEpochSecond());
    ObjectNode body = MAPPER.createObjectNode();
    body.put("agency", agency);
    body.put("service", service);
    body.put("application", application);
    body.put("presentation", presentation);
    String path = "/api/v1/delegations/" + needGrant() + "/apply";
    return client.call("POST", path, Optional.of(body),
        Map.of("Authorization", HolderProof.authorization(agencyKey, agency, "POST", path)));
  }

  private String needGrant() {
    if (grant == null) {
      throw new IllegalArgumentException(action + " needs the GRANT id");
    }
    return grant;
  }
}
