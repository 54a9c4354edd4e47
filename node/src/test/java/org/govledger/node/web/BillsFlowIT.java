package org.govledger.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.govledger.client.GovLedgerClient;
import org.govledger.client.KeyFile;
import org.govledger.client.TxSigner;
import org.govledger.ledger.crypto.CryptoSuite;
import org.govledger.ledger.crypto.SigningKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The bill-to-payment story in a real browser against a real node: a hospital issues a bill in
 * the desk, the citizen sees it in their wallet page and claims it (first too much: refused by
 * the ledger), the insurer reviews, approves and pays in the desk, and the citizen's page shows
 * each step as it happens, without a reload. The biller and payer are registered by governance
 * here (the demo data has none); the citizen's browser key is bound to a demo subject by the
 * identity authority's {@code identity/add-holder-key}, as the wallet page asks.
 */
class BillsFlowIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String BILLER = "web-hospital";
  private static final String PAYER = "web-insurer";
  @RegisterExtension static BrowserSession browser = new BrowserSession();
  @TempDir static Path files;
  static WebPage page;
  static GovLedgerClient node;
  static String subject;

  @BeforeAll
  static void parties() throws Exception {
    page = new WebPage(browser);
    node = new GovLedgerClient(browser.node().base());
    TxSigner admin = new TxSigner("demo", KeyFile.read(browser.node().data("keys/admin.json")));
    SecureRandom random = new SecureRandom();
    for (String[] p : new String[][] {{BILLER, "biller", "medical"}, {PAYER, "payer", "insurance"}}) {
      SigningKey key = CryptoSuite.ED25519_SHA256.generate(random);
      KeyFile.write(files.resolve(p[0] + ".json"), key, p[0]);
      ObjectNode change = MAPPER.createObjectNode().put("action", "register-party").put("party", p[0])
          .put("role", p[1]).put("name", p[0]).put("category", p[2]);
      change.putArray("keys").add(Base64.getUrlEncoder().withoutPadding().encodeToString(key.publicKey()));
      ObjectNode body = MAPPER.createObjectNode();
      body.set("change", change);
      node.submit(admin.sign("governance/propose", body), true);
    }
    subject = MAPPER.readTree(browser.node().data("keys/holders/holders.json").toFile()).get(0).path("subject").asText();
  }

  /** Makes a wallet key in the page (the wallet's own button) and binds it to the demo subject. */
  static void bindBrowserWalletKey() throws Exception {
    page.open("wallet");
    page.find(By.id("make-key")).click(); // waits for the page to draw it
    page.find(By.cssSelector("#wallet-keys pre.jwk"));
    JsonNode jwk = MAPPER.readTree((String) page.run(
        "const { listKeys } = await import('/js/crypto/keystore.js');"
            + "const { publicJwk } = await import('/js/crypto/keys.js');"
            + "return JSON.stringify(publicJwk((await listKeys('wallet'))[0]));"));
    TxSigner authority = new TxSigner("demo", KeyFile.read(browser.node().data("keys/agencies/sz-psb.json")));
    ObjectNode body = MAPPER.createObjectNode().put("subject", subject);
    body.set("holderKey", jwk);
    node.submit(authority.sign("identity/add-holder-key", body), true);
  }

  private static void type(String id, String text) {
    WebElement e = page.find(By.id(id));
    e.clear();
    e.sendKeys(text);
  }

  private static void signIn(String party) {
    browser.driver().findElement(By.id("key-file")).sendKeys(files.resolve(party + ".json").toString());
    page.waitForText(By.id("sign-in-status"), "Signed in as " + party);
  }

  /** Waits until the element's "now" badge says status. */
  private static void waitForStatus(String container, String status) {
    browser.waiting().until(ExpectedConditions.attributeToBe(
        By.cssSelector(container + " p.now .claim-status"), "data-status", status));
  }

  private static void payerClicks(String button, String expect) {
    browser.driver().findElement(By.id(button)).click();
    page.waitForText(By.id("claim-action-status"), expect);
  }

  @Test
  void billToPayment_issuedInTheDesk_claimedInTheWallet_eachStepShownLive() throws Exception {
    bindBrowserWalletKey();
    String desk = browser.driver().getWindowHandle();
    page.open("bills");
    signIn(BILLER);
    signIn(PAYER);
    new Select(page.find(By.id("payer-key"))); // both desks drawn
    String number = "W" + System.currentTimeMillis();
    type("bill-number", number);
    type("bill-holder", subject);
    type("bill-covered", "20.00");
    type("item-name-1", "门诊诊查费 outpatient consultation");
    type("item-quantity-1", "2");
    type("item-price-1", "60.00");
    page.waitForText(By.id("bill-total"), "120.00 CNY");
    browser.driver().findElement(By.id("issue-submit")).click();
    page.waitForText(By.id("issue-status"), "delivered to the holder's wallet");
    String bill = BILLER + "/" + number;

    browser.driver().switchTo().newWindow(WindowType.TAB);
    String wallet = browser.driver().getWindowHandle();
    page.open("wallet-bills");
    type("subject", subject);
    page.find(By.id("subject-form")).submit();
    String card = "[data-bill='" + bill + "']";
    page.waitForText(By.cssSelector(card), "100.00 CNY"); // left to claim: 120 less 20 covered
    browser.driver().executeScript("window.stillTheSamePage = true;");
    page.find(By.cssSelector(card + " input.pick")).click();
    WebElement amount = page.find(By.cssSelector(card + " input.claim-amount"));
    amount.clear();
    amount.sendKeys("100.01");
    type("claim-payer", PAYER);
    browser.driver().findElement(By.id("file-submit")).click();
    page.waitForText(By.id("file-status"), "billing.over-claim");
    amount = page.find(By.cssSelector(card + " input.claim-amount"));
    amount.clear();
    amount.sendKeys("100.00");
    browser.driver().findElement(By.id("file-submit")).click();
    page.waitForText(By.id("file-status"), "filed");
    WebElement claimCard = page.find(By.cssSelector("#claims-list [data-claim]"));
    String claim = claimCard.getAttribute("data-claim");
    String mine = "[data-claim='" + claim + "']";
    waitForStatus(mine, "submitted");

    browser.driver().switchTo().window(desk);
    type("lookup-biller", BILLER);
    type("lookup-number", number);
    page.find(By.id("lookup-form")).submit();
    page.find(By.cssSelector("#bill-record .open-claim[data-claim='" + claim + "']")).click();
    waitForStatus("#payer-claim", "submitted");
    payerClicks("claim-pay", "billing.out-of-order"); // paying before approving is refused
    payerClicks("claim-review", "recorded in block");
    waitForStatus("#payer-claim", "under-review");
    browser.driver().switchTo().window(wallet);
    waitForStatus(mine, "under-review");

    browser.driver().switchTo().window(desk);
    type("approve-amount-0", "80.00");
    payerClicks("claim-approve", "recorded in block");
    waitForStatus("#payer-claim", "approved");
    page.waitForText(By.xpath("//*[@id='bill-record']//dt[.='Approved so far']/following-sibling::dd[1]"), "80.00 CNY");
    browser.driver().switchTo().window(wallet);
    waitForStatus(mine, "approved");
    page.waitForText(By.cssSelector(mine), "80.00 CNY");
    // the approval released the 20.00 not approved: the citizen's bill shows it can be claimed again
    page.waitForText(By.xpath("//article[@data-bill='" + bill + "']//dt[.='Left to claim']/following-sibling::dd[1]"),
        "20.00 CNY");

    browser.driver().switchTo().window(desk);
    type("pay-reference", "PAY-" + number);
    payerClicks("claim-pay", "recorded in block");
    browser.driver().switchTo().window(wallet);
    waitForStatus(mine, "paid");
    page.waitForText(By.cssSelector(mine), "PAY-" + number);
    assertThat(browser.driver().executeScript("return window.stillTheSamePage === true;")).isEqualTo(true);

    JsonNode record = node.get("/api/v1/bills/" + bill);
    assertThat(record.path("approved").asLong()).isEqualTo(8000);
    assertThat(record.path("reserved").asLong()).isZero();
    assertThat(node.get("/api/v1/claims/" + claim).path("status").asText()).isEqualTo("paid");
    phoneAndArabic();
  }

  /** The citizen's page with its bills and claims on a phone, in Arabic, right to left. */
  private static void phoneAndArabic() {
    browser.phone();
    try {
      new Select(browser.driver().findElement(By.id("language"))).selectByValue("ar");
      page.waitForText(By.cssSelector("main h1"), "فواتيري ومطالباتي");
      page.find(By.cssSelector("#claims-list [data-claim]"));
      assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
      fitsAPhone_andLabelsEveryField();
    } finally {
      browser.driver().executeScript("localStorage.setItem('govledger.language', 'en')");
      browser.desktop();
    }
  }

  private static void fitsAPhone_andLabelsEveryField() {
    assertThat((Long) browser.driver().executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;"))
        .as("horizontal overflow").isLessThanOrEqualTo(0L);
    assertThat((List<?>) browser.driver().executeScript(
        "return Array.from(document.querySelectorAll('input, select, textarea'))"
            + ".filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).map(e => e.outerHTML);"))
        .as("fields without a label").isEmpty();
  }

  @Test
  void badInput_isNamedInThePage() {
    page.open("bills");
    signIn(BILLER);
    signIn(PAYER);
    type("bill-number", "no spaces please");
    type("bill-holder", "someone");
    type("item-name-1", "x");
    type("item-price-1", "12.345");
    browser.driver().findElement(By.id("issue-submit")).click();
    page.waitForText(By.id("issue-status"), "the bill number \"no spaces please\" must be 1-40 letters");
    type("bill-number", "OK-1");
    browser.driver().findElement(By.id("issue-submit")).click();
    page.waitForText(By.id("issue-status"), "\"12.345\" is not an amount");
    type("item-price-1", "12.34");
    browser.driver().findElement(By.id("issue-submit")).click();
    page.waitForText(By.id("issue-status"), "billing.unknown-subject");
    type("lookup-biller", BILLER);
    type("lookup-number", "NO-SUCH-BILL");
    page.find(By.id("lookup-form")).submit();
    page.waitForText(By.id("lookup-status"), "no bill " + BILLER + "/NO-SUCH-BILL");
    browser.phone(); // both desks, with their forms, on a phone
    try {
      browser.driver().findElement(By.id("add-item")).click();
      fitsAPhone_andLabelsEveryField();
    } finally {
      browser.desktop();
    }
  }
}
