package org.govledger.node;

import static org.assertj.core.api.Assertions.assertThat;

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
}
