package org.govledger.node.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.govledger.client.ClientException;
import org.govledger.client.GovLedgerClient;
import org.govledger.client.KeyFile;
import org.govledger.credentials.HolderProof;
import org.govledger.ledger.crypto.SigningKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Sharing beyond one request, in a real browser against a real node: the citizen's one-time
 * share QR redeemed by the verifier's console (the chosen claims shown, a second redemption
 * refused as share-used), and a standing consent given in the wallet page, fetched by the
 * verifier, withdrawn in the wallet page and then refused as consent-withdrawn; both in the
 * document's access history.
 */
class SharingWebIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  @RegisterExtension static BrowserSession browser = new BrowserSession();
  @TempDir static Path files;
  static CertificateStory story;
  static WebPage page;

  @BeforeAll
  static void start() {
    story = new CertificateStory(browser, files);
    page = story.page();
  }

  private static WebElement byId(String id) {
    return story.byId(id);
  }

  /** Types value into a field afresh, presses the button and waits for the status to say what is expected. */
  private static void typeAndPress(String field, String value, String button, String status, String expected) {
    byId(field).clear();
    byId(field).sendKeys(value);
    byId(button).click();
    page.waitForText(By.id(status), expected);
  }

  private static List<String> accessRows() {
    return byId("wallet-accesses").findElements(By.cssSelector("tbody tr")).stream().map(WebElement::getText).toList();
  }

  @Test
  void oneTimeShare_redeemedInTheVerifierConsole_thenRefusedAsUsed() throws Exception {
    String id = story.issueCertificate();
    story.openDocument(id);
    byId("share-submit").click();
    page.waitForText(By.id("share-status"), "choose at least one item");
    byId("share-claims").findElement(By.cssSelector("input[value='name']")).click();
    typeAndPress("share-seconds", "5", "share-submit", "share-status", "\"Valid for\" is 5");
    typeAndPress("share-seconds", "300", "share-submit", "share-status", "QR code made for: name");
    assertThat(byId("share-qr").getAttribute("src")).contains("/api/v1/qr.svg?text=");
    String link = byId("share-url").getText();
    Path picture = story.picture("share-qr-png", "href");

    story.toVerifier();
    story.open("verifier");
    byId("redeem-link").sendKeys("https://example.com/api/v1/presentations");
    byId("redeem-submit").click();
    page.waitForText(By.id("redeem-status"), "not a one-time share link");
    byId("redeem-link").clear();
    byId("redeem-scan-picture").sendKeys(picture.toString());
    browser.waiting().until(d -> link.equals(d.findElement(By.id("redeem-link")).getAttribute("value")));
    new Select(byId("redeem-purpose")).selectByValue("account-opening");
    byId("redeem-submit").click();
    page.waitForText(By.id("redeem-status"), "Valid");
    assertThat(byId("redeem-disclosed").findElements(By.cssSelector("tr[data-claim]")).stream()
        .map(e -> e.getAttribute("data-claim")).toList()).containsExactly("name");
    assertThat(byId("redeem-checks").findElement(By.cssSelector("li[data-check='issuer-signature']"))
        .getAttribute("data-outcome")).isEqualTo("passed");
    byId("redeem-submit").click();
    page.waitForText(By.id("redeem-status"), "share-used");
    assertThat(byId("redeem-status").getAttribute("data-reason")).isEqualTo("share-used");

    story.openDocument(id);
    page.waitForText(By.id("wallet-accesses"), "share-used");
    assertThat(accessRows()).anySatisfy(r -> assertThat(r).contains("sz-bank", "account-opening", "shared"))
        .anySatisfy(r -> assertThat(r).contains("refused (share-used)"));
  }

  @Test
  void standingConsent_givenFetchedWithdrawnInThePage_thenRefusedAsWithdrawn() throws Exception {
    String id = story.issueCertificate();
    story.ask("name");
    story.scanInWallet(story.qrPicture());
    byId("consent-standing").click();
    typeAndPress("consent-standing-days", "400", "consent-agree", "consent-status", "\"For how many days\" is 400");
    typeAndPress("consent-standing-days", "30", "consent-agree", "consent-status", "fetch them again for 30 days");
    story.verifierResult("Valid");

    story.toCitizen();
    story.open("wallet");
    WebElement listed = page.find(By.cssSelector("#standing-list li[data-verifier='sz-bank']"));
    assertThat(listed.getText()).contains("Example Bank").contains("name");
    String consentId = listed.getAttribute("data-consent");
    JsonNode fetched = fetch(consentId);
    assertThat(fetched.path("valid").asBoolean()).as(fetched.toString()).isTrue();
    assertThat(fetched.path("disclosed").has("name")).isTrue();
    assertThat(fetched.path("disclosed").size()).isEqualTo(1);

    byId("standing-list").findElement(By.cssSelector("li[data-consent='" + consentId + "'] button[data-withdraw]")).click();
    page.waitForText(By.id("standing-status"), "Withdrawn: Example Bank");
    browser.waiting().until(d -> d.findElements(By.cssSelector("li[data-consent='" + consentId + "']")).isEmpty());
    assertThatThrownBy(() -> fetch(consentId)).isInstanceOfSatisfying(ClientException.class,
        e -> assertThat(e.type()).isEqualTo("consent-withdrawn"));

    story.openDocument(id);
    page.waitForText(By.id("wallet-accesses"), "consent-withdrawn");
    assertThat(accessRows().stream().filter(r -> r.contains("sz-bank") && r.contains("shared")).count())
        .as("the presentation and the fetch").isGreaterThanOrEqualTo(2);
  }

  @Test
  void sharingSections_fitAPhone_inArabic_andLabelEveryField() {
    String id = story.issueCertificate();
    try {
      browser.phone();
      browser.driver().executeScript("localStorage.setItem('govledger.language', 'ar')");
      story.toCitizen();
      browser.driver().navigate().refresh();
      browser.driver().get(browser.node().base() + "/#/wallet");
      browser.waiting().until(d -> "rtl".equals(d.findElement(By.tagName("html")).getAttribute("dir")));
      byId("wallet-docs").findElement(By.cssSelector("li[data-credential='" + id + "'] button")).click();
      byId("share-seconds");
      byId("standing");
      assertThat(page.horizontalOverflow()).as("horizontal overflow on the wallet").isLessThanOrEqualTo(0L);
      assertThat(page.unlabelledFields()).as("fields without a label on the wallet").isEmpty();
      story.toVerifier();
      browser.driver().navigate().refresh();
      byId("redeem-link");
      assertThat(page.horizontalOverflow()).as("horizontal overflow on the verifier").isLessThanOrEqualTo(0L);
      assertThat(page.unlabelledFields()).as("fields without a label on the verifier").isEmpty();
    } finally {
      browser.driver().executeScript("localStorage.setItem('govledger.language', 'en')");
      browser.desktop();
      for (String tab : List.of(story.verifierTab(), story.citizenTab())) {
        browser.driver().switchTo().window(tab);
        browser.driver().navigate().refresh(); // a page keeps the language it was loaded with
      }
    }
  }

  /** The verifier's fetch under a standing consent, signed with sz-bank's key as the CLI does. */
  private static JsonNode fetch(String consentId) throws Exception {
    SigningKey bank = KeyFile.read(browser.node().data("keys/verifiers/sz-bank.json"));
    String path = "/api/v1/consents/" + consentId + "/fetch";
    byte[] jti = new byte[16];
    RANDOM.nextBytes(jti);
    String proof = HolderProof.sign(bank, "sz-bank", "POST", path, Instant.now().getEpochSecond(),
        Base64.getUrlEncoder().withoutPadding().encodeToString(jti));
    ObjectNode body = MAPPER.createObjectNode().put("verifier", "sz-bank");
    return new GovLedgerClient(browser.node().base()).call("POST", path, Optional.of(body),
        Map.of("Authorization", HolderProof.SCHEME + " " + proof));
  }
}
