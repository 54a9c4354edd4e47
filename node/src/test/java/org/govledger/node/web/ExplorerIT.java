package org.govledger.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.govledger.client.GovLedgerClient;
import org.govledger.client.KeyFile;
import org.govledger.client.TxSigner;
import org.govledger.ledger.tx.Transaction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The explorer in a real browser against a real node: blocks, a transaction, its proof. */
class ExplorerIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  @RegisterExtension static BrowserSession browser = new BrowserSession();
  static NodeUnderTest node;
  static WebPage page;
  static GovLedgerClient client;
  static TxSigner signer;

  @BeforeAll
  static void start() throws Exception {
    node = browser.node();
    page = new WebPage(browser);
    client = new GovLedgerClient(node.base());
    signer = new TxSigner("demo", KeyFile.read(node.data("keys/client.json")));
  }

  static Transaction committedAnchor() throws Exception {
    byte[] d = new byte[32];
    new SecureRandom().nextBytes(d);
    ObjectNode body = MAPPER.createObjectNode().put("digest", HexFormat.of().formatHex(d));
    Transaction tx = signer.sign("anchor/put", body);
    client.submit(tx, true);
    return tx;
  }

  @Test
  void overview_showsInfoHealthBlocksAndAVerifiedCheckpoint() throws Exception {
    page.open("explorer");
    String ledger = client.info().path("ledger").asText();
    page.waitForText(By.cssSelector("main dl.facts"), ledger);
    page.waitForText(By.id("checkpoint"), "Signature verified");
    long height = client.get("/api/v1/health").path("height").asLong();
    page.waitForText(By.id("blocks"), String.valueOf(height));
    // The chart gets a sample every 2 s and draws it: some pixel stops being blank.
    browser.waiting().until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
        "const c = document.getElementById('chart'); const g = c.getContext('2d');"
            + "return g.getImageData(0, 0, c.width, c.height).data.some(v => v !== 0);"));
  }

  @Test
  void blocks_pageToOlderOnes_andOpenABlockWithItsTransactions() throws Exception {
    for (int i = 0; i < 11; i++) {
      committedAnchor(); // one block each: more than one page of ten
    }
    page.open("explorer");
    long newest = Long.parseLong(page.find(By.cssSelector("#blocks tbody tr a")).getText());
    browser.driver().findElement(By.id("older")).click();
    // The next page starts just below the ten shown.
    browser.waiting().until(ExpectedConditions.textToBe(
        By.cssSelector("#blocks tbody tr a"), String.valueOf(newest - 10)));
    assertThat(browser.driver().findElement(By.id("newer")).isEnabled()).isTrue();
    page.open("explorer/block/1");
    page.find(By.cssSelector("#block-txs a")).click();
    page.waitForText(By.id("tx-status"), "Committed");
  }

  @Test
  void committedTransaction_hasItsProofVerifiedInThePage() throws Exception {
    Transaction tx = committedAnchor();
    page.open("explorer/tx/" + tx.id());
    page.waitForText(By.id("proof-status"), "Proof verified");
  }

  @Test
  void alteredProofElement_failsInThePage() throws Exception {
    Transaction tx = committedAnchor();
    committedAnchor(); // so that the proof against the latest checkpoint has a path
    ObjectNode receipt = client.receiptAgainstLatest(tx.id().toString()).toJson();
    ArrayNode path = (ArrayNode) receipt.get("inclusionPath");
    assertThat(path).isNotEmpty();
    String first = path.get(0).asText();
    path.set(0, MAPPER.getNodeFactory().textNode((first.charAt(0) == '0' ? "1" : "0") + first.substring(1)));

    checkInThePage(tx, receipt, "Proof failed: root mismatch");
  }

  /** Opens the transaction (its own receipt verifies), then checks the given receipt instead. */
  private static void checkInThePage(Transaction tx, ObjectNode receipt, String outcome) {
    page.open("explorer/tx/" + tx.id());
    page.waitForText(By.id("proof-status"), "Proof verified");
    browser.driver().executeScript("document.getElementById('receipt-json').value = arguments[0];",
        receipt.toString());
    browser.driver().findElement(By.id("check-receipt")).click();
    page.waitForText(By.id("proof-status"), outcome);
  }

  @Test
  void alteredTransaction_failsOnItsId() throws Exception {
    Transaction tx = committedAnchor();
    ObjectNode receipt = client.receipt(tx.id().toString()).toJson();
    ((ObjectNode) receipt.get("tx").get("body")).put("digest", "00".repeat(32));
    checkInThePage(tx, receipt, "Proof failed: transaction id mismatch");
  }

  @Test
  void unknownTransaction_isNamedInThePage() {
    String id = "ab".repeat(32);
    page.open("explorer/tx/" + id);
    page.waitForText(By.cssSelector("[role=alert]"), "no transaction " + id);
  }
}
