package org.govledger.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.govledger.node.cli.Main;
import org.govledger.node.config.NodeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands a user types, against a real node: keygen, submit, verify-receipt. */
class CommandLineIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  @TempDir static Path dir;
  static Node node;
  static String url;

  @BeforeAll
  static void start() throws Exception {
    node = Node.start(NodeConfig.defaults().withDataDir(dir.resolve("data")).withPort(0));
    url = "http://127.0.0.1:" + node.port();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** Runs a command; returns its exit code and what it printed. */
  private static Run run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    try {
      int code = Main.run(args);
      return new Run(code, buf.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  private record Run(int code, String output) {}

  @Test
  void keygen_writesAKeyFile_andRefusesToOverwriteIt() {
    Path key = dir.resolve("new-key.json");
    Run first = run("keygen", "--suite", "sm2-sm3", "--out", key.toString(), "--name", "test");
    assertThat(first.code()).isZero();
    assertThat(first.output()).contains("key id:").contains("public key:");
    assertThat(Files.exists(key)).isTrue();

    Run again = run("keygen", "--out", key.toString());
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.output()).contains("exists; not overwriting a key");
  }

  @Test
  void submitWithReceipt_thenVerifyReceipt_acceptsItAndRefusesATamperedCopy() throws Exception {
    Path receipt = dir.resolve("receipt.json");
    Run submit = run("submit", "--node", url, "--key", dir.resolve("data/keys/client.json").toString(),
        "--type", "anchor/put", "--body", "{\"digest\":\"" + "cd".repeat(32) + "\"}",
        "--receipt-out", receipt.toString());
    assertThat(submit.code()).as(submit.output()).isZero();
    assertThat(submit.output()).contains("\"status\" : \"committed\"");

    Path trust = dir.resolve("trust.json");
    Files.writeString(trust, MAPPER.writeValueAsString(
        new org.govledger.client.GovLedgerClient(java.net.URI.create(url)).info()));
    Run ok = run("verify-receipt", "--receipt", receipt.toString(), "--trust", trust.toString());
    assertThat(ok.code()).as(ok.output()).isZero();
    assertThat(ok.output()).contains("receipt VALID");

    ObjectNode tampered = (ObjectNode) MAPPER.readTree(receipt.toFile());
    tampered.put("treeSize", tampered.path("treeSize").asLong() + 1);
    Path bad = dir.resolve("tampered.json");
    Files.writeString(bad, MAPPER.writeValueAsString(tampered));
    Run refused = run("verify-receipt", "--receipt", bad.toString(), "--trust", trust.toString());
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.output()).contains("receipt INVALID");
  }

  @Test
  void submit_refusedTransaction_exitsOneWithTheReason() {
    Run r = run("submit", "--node", url, "--key", dir.resolve("data/keys/client.json").toString(),
        "--type", "anchor/put", "--body", "{\"digest\":\"not hex\"}", "--wait");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.output()).contains("refused:").contains("anchor.bad-digest");
  }

  @Test
  void submit_bodyThatIsNotJson_isAUsageError() {
    Run r = run("submit", "--node", url, "--key", dir.resolve("data/keys/client.json").toString(),
        "--type", "anchor/put", "--body", "{oops");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.output()).contains("--body is not JSON");
  }

  @Test
  void anAgencyIssuesFromTheCommandLine_theHolderPresents_andTheVerifierChecks() throws Exception {
    Path data = dir.resolve("data");
    JsonNode holder = MAPPER.readTree(data.resolve("keys/holders/holders.json").toFile()).get(1);
    String subject = holder.path("subject").asText();
    String holderKey = data.resolve("keys/holders/" + holder.path("keyFile").asText()).toString();
    Path claims = dir.resolve("claims.json");
    Files.writeString(claims, org.govledger.services.certificate.catalogue.Catalogue.builtIn()
        .find("household-register").orElseThrow().example().toString());
    Path scan = dir.resolve("scan.pdf");
    Files.writeString(scan, "a scanned paper register");
    Path cred = dir.resolve("hr.sdjwt");
    Run issue = run("issue", "--node", url, "--key", data.resolve("keys/agencies/sz-psb.json").toString(),
        "--agency", "sz-psb", "--type", "household-register", "--subject", subject, "--holder-key", holderKey,
        "--claims", "@" + claims, "--paper-number", "HR-1998-000123", "--paper-scan", scan.toString(),
        "--out", cred.toString());
    assertThat(issue.code()).as(issue.output()).isZero();
    assertThat(issue.output()).contains("\"walletRecord\"");

    Run bad = run("issue", "--node", url, "--key", data.resolve("keys/agencies/sz-psb.json").toString(),
        "--agency", "sz-psb", "--type", "household-register", "--subject", subject, "--holder-key", holderKey,
        "--claims", "{\"name\":\"x\"}");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.output()).contains("nothing was anchored").contains("/householdNumber");

    Run list = run("wallet", "--node", url, "--key", holderKey, "--subject", subject, "list");
    assertThat(list.code()).as(list.output()).isZero();
    assertThat(list.output()).contains("household-register").contains("户口");
    String record = list.output().lines().filter(l -> l.contains("household-register")).findFirst().orElseThrow()
        .split(" ")[0];
    Path presentation = dir.resolve("p.txt");
    Run present = run("wallet", "--node", url, "--key", holderKey, "--subject", subject, "present", record,
        "--claims", "name,paperDocumentNumber", "--audience", "urn:example:school", "--nonce", "n-42-abcdef",
        "--out", presentation.toString());
    assertThat(present.code()).as(present.output()).isZero();
    // one record id in 64 begins with '-': it is taken as an id, not as an unknown option
    Run dashed = run("wallet", "--node", url, "--key", holderKey, "--subject", subject, "open",
        "-" + record.substring(1));
    assertThat(dashed.output()).doesNotContain("Unknown option").contains("-" + record.substring(1));
    // ... also one that begins with "-h" (or "-V"), which picocli would read as -h with more
    // short options clustered behind it
    Run dashedH = run("wallet", "--node", url, "--key", holderKey, "--subject", subject, "open",
        "-h" + record.substring(2));
    assertThat(dashedH.output()).doesNotContain("Usage:").contains("-h" + record.substring(2));

    Run ok = run("verify-credential", "--node", url, "--audience", "urn:example:school", "--nonce", "n-42-abcdef",
        presentation.toString());
    assertThat(ok.code()).as(ok.output()).isZero();
    assertThat(ok.output()).startsWith("VALID: household-register issued by sz-psb").contains("disclosed claims: 2");
    Run replayedElsewhere = run("verify-credential", "--node", url, "--audience", "urn:example:bank",
        "--nonce", "n-42-abcdef", presentation.toString());
    assertThat(replayedElsewhere.code()).isEqualTo(1);
    assertThat(replayedElsewhere.output()).contains("NOT VALID").contains("failed   holder-binding");
  }

  @Test
  void aVerifiersQrIsAnsweredFromTheCommandLineAndTheAccessIsListed() throws Exception {
    Path data = dir.resolve("data");
    JsonNode holder = MAPPER.readTree(data.resolve("keys/holders/holders.json").toFile()).get(0);
    String subject = holder.path("subject").asText();
    String holderKey = data.resolve("keys/holders/" + holder.path("keyFile").asText()).toString();
    String bank = data.resolve("keys/verifiers/sz-bank.json").toString();
    Path qr = dir.resolve("qr.png");
    Run request = run("verifier", "--node", url, "--key", bank, "--verifier", "sz-bank", "request",
        "--type", "resident-identity-card", "--claims", "name,birthDate", "--purpose", "account-opening",
        "--qr-out", qr.toString());
    assertThat(request.code()).as(request.output()).isZero();
    JsonNode created = MAPPER.readTree(request.output().substring(request.output().indexOf('{')));

    Run list = run("wallet", "--node", url, "--key", holderKey, "--subject", subject, "list");
    String record = list.output().lines().filter(l -> l.contains("resident-identity-card")).findFirst().orElseThrow()
        .split(" ")[0];
    Run respond = run("wallet", "--node", url, "--key", holderKey, "--subject", subject, "respond", record,
        "--qr", qr.toString(), "--agree");
    assertThat(respond.code()).as(respond.output()).isZero();
    assertThat(respond.output()).contains("Example Bank, Shenzhen branch").contains("Opening a bank account")
        .contains("consent recorded").contains("sent:");

    Run result = run("verifier", "--node", url, "--key", bank, "--verifier", "sz-bank", "result",
        created.path("id").asText(), "--token", created.path("resultToken").asText());
    assertThat(result.code()).as(result.output()).isZero();
    assertThat(result.output()).contains("\"status\" : \"granted\"").contains("\"birthDate\"")
        .doesNotContain("\"idNumber\"");

    Run accesses = run("wallet", "--node", url, "--key", holderKey, "--subject", subject, "accesses", record);
    assertThat(accesses.output()).contains("granted").contains("sz-bank").contains("account-opening");

    Run again = run("wallet", "--node", url, "--key", holderKey, "--subject", subject, "respond", record,
        "--qr", qr.toString(), "--agree");
    assertThat(again.code()).as("the request was answered already").isNotZero();
  }

  @Test
  void aPersonDelegatesFromTheCommandLineAndTheAgencyAppliesAndSeesEveryCheck() throws Exception {
    Path data = dir.resolve("data");
    JsonNode holders = MAPPER.readTree(data.resolve("keys/holders/holders.json").toFile());
    String zhang = holders.get(0).path("subject").asText();
    String zhangKey = data.resolve("keys/holders/" + holders.get(0).path("keyFile").asText()).toString();
    String li = holders.get(1).path("subject").asText();
    String liKey = data.resolve("keys/holders/" + holders.get(1).path("keyFile").asText()).toString();
    Run grant = run("delegation", "--node", url, "grant", "--key", zhangKey, "--grantor", zhang, "--grantee", li,
        "--services", "household-register", "--offices", "sz-psb", "--until", "2099-12-31", "--uses", "1");
    assertThat(grant.code()).as(grant.output()).isZero();
    String grantId = MAPPER.readTree(grant.output().substring(grant.output().indexOf('{'))).path("grantId").asText();

    Run list = run("wallet", "--node", url, "--key", liKey, "--subject", li, "list");
    String record = list.output().lines().filter(l -> l.contains("resident-identity-card")).findFirst().orElseThrow()
        .split(" ")[0];
    Path idCard = dir.resolve("li-id.sdjwt");
    assertThat(run("wallet", "--node", url, "--key", liKey, "--subject", li, "open", record, "--out",
        idCard.toString()).code()).isZero();
    String[] apply = {"delegation", "--node", url, "apply", grantId, "--key",
        data.resolve("keys/agencies/sz-psb.json").toString(), "--agency", "sz-psb", "--service", "household-register",
        "--id-card", idCard.toString(), "--holder-key", liKey};
    Run first = run(apply);
    assertThat(first.code()).as(first.output()).isZero();
    assertThat(first.output()).contains("\"outcome\" : \"granted\"").contains("grantee-identity");
    Run second = run(apply);
    assertThat(second.code()).isEqualTo(1);
    assertThat(second.output()).contains("uses-exhausted");
    Run show = run("delegation", "--node", url, "show", grantId);
    assertThat(show.output()).contains("\"used\" : 1").contains("\"decisions\"");
  }
}
