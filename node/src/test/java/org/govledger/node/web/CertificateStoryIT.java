package org.govledger.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The certificate story in a real browser against a real node: the identity authority binds a
 * wallet key made in the page; the agency issues a no-criminal-record certificate from its
 * schema, signed in the page; the citizen sees it; a verifier (another tab) shows a QR; the
 * citizen uploads the QR picture and consents; the verifier sees the disclosed claims and every
 * check; the citizen sees the access. Also: a declined request, and a revoked certificate refused
 * naming {@code status}.
 */
class CertificateStoryIT {
  @RegisterExtension static BrowserSession browser = new BrowserSession();
  @TempDir static Path files;
  static CertificateStory story;
  static WebPage page;
  static String citizenTab;
  static String verifierTab;

  @BeforeAll
  static void start() {
    story = new CertificateStory(browser, files);
    page = story.page();
    citizenTab = story.citizenTab();
    verifierTab = story.verifierTab();
  }

  private static void open(String route) {
    story.open(route);
  }

  private static WebElement byId(String id) {
    return story.byId(id);
  }

  private static String citizen() {
    return story.citizen();
  }

  private static String issueCertificate() {
    return story.issueCertificate();
  }

  private static void ask(String... claims) {
    story.ask(claims);
  }

  private static Path qrPicture() throws Exception {
    return story.qrPicture();
  }

  private static void scanInWallet(Path picture) {
    story.scanInWallet(picture);
  }

  private static WebElement verifierResult(String text) {
    return story.verifierResult(text);
  }

  @Test
  void issued_seen_scanned_consented_verified_andInTheHistory() throws Exception {
    String id = issueCertificate();
    open("wallet");
    WebElement doc = byId("wallet-docs").findElement(By.cssSelector("li[data-credential='" + id + "']"));
    assertThat(doc.getText()).contains("Certificate of No Criminal Record").contains("valid");
    doc.findElement(By.tagName("button")).click();
    assertThat(byId("wallet-claims").findElements(By.cssSelector("tr[data-claim]"))).hasSizeGreaterThan(5);
    assertThat(byId("wallet-doc").getText()).contains(id);

    ask("name", "checkedUntil");
    Path qr = qrPicture();
    scanInWallet(qr);
    WebElement screen = byId("consent-screen");
    assertThat(screen.getText()).contains("Opening a bank account (know your customer)");
    assertThat(screen.findElements(By.cssSelector(".asked-claims li")).stream().map(e -> e.getAttribute("data-claim")))
        .containsExactly("checkedUntil", "name");
    byId("consent-agree").click();
    page.waitForText(By.id("consent-status"), "Shared with Example Bank");

    WebElement result = verifierResult("Valid");
    List<String> disclosed = result.findElements(By.cssSelector("#verifier-disclosed tr[data-claim]")).stream()
        .map(e -> e.getAttribute("data-claim")).sorted().toList();
    assertThat(disclosed).containsExactly("checkedUntil", "name");
    for (String check : List.of("issuer-signature", "holder-binding", "anchored", "status", "holder-key")) {
      assertThat(result.findElement(By.cssSelector("#verifier-checks li[data-check='" + check + "']"))
          .getAttribute("data-outcome")).as(check).isEqualTo("passed");
    }

    browser.driver().switchTo().window(citizenTab);
    open("wallet");
    byId("wallet-docs").findElement(By.cssSelector("li[data-credential='" + id + "'] button")).click();
    page.waitForText(By.id("wallet-accesses"), "sz-bank");
    assertThat(byId("wallet-accesses").getText()).contains("account-opening").contains("shared");
  }

  @Test
  void declinedRequest_showsDeclinedToTheVerifier_andForeignQrIsRefusedByName() {
    citizen();
    ask("name");
    String uri = byId("verifier-uri").getText();
    browser.driver().switchTo().window(citizenTab);
    open("wallet");
    byId("consent-uri").sendKeys("https://example.com/?client_id=x");
    byId("consent-read").click();
    page.waitForText(By.id("consent-status"), "a QR code that is not ours");
    byId("consent-uri").clear();
    byId("consent-uri").sendKeys(uri);
    byId("consent-read").click();
    byId("consent-decline").click();
    page.waitForText(By.id("consent-status"), "You declined");
    assertThat(verifierResult("declined").getText()).contains("nothing was shared");
  }

  @Test
  void revokedCertificate_presented_isRefusedNamingStatus() throws Exception {
    issueCertificate();
    Select action = new Select(byId("status-action"));
    action.selectByValue("revoke");
    byId("status-reason").sendKeys("error");
    byId("status-submit").click();
    page.waitForText(By.id("status-status"), "revoked");

    ask("name");
    scanInWallet(qrPicture());
    Select doc = new Select(byId("consent-doc-q1"));
    doc.getOptions().stream().filter(o -> o.getText().contains("revoked")).findFirst().orElseThrow().click();
    byId("consent-agree").click();
    page.waitForText(By.id("consent-status"), "Not shared");
    assertThat(byId("consent-status").getText()).contains("status");
    WebElement result = verifierResult("Refused by the node's checks: status");
    browser.waiting().until(ExpectedConditions.presenceOfNestedElementLocatedBy(result,
        By.cssSelector("li[data-check='status'][data-outcome='failed']")));
  }

  @Test
  void signedInPages_fitAPhone_inArabic_andLabelEveryField() {
    citizen();
    try {
      browser.phone();
      browser.driver().executeScript("localStorage.setItem('govledger.language', 'ar')");
      for (String route : List.of("wallet", "agency", "verifier")) {
        browser.driver().switchTo().window(route.equals("verifier") ? verifierTab : citizenTab);
        browser.driver().navigate().refresh();
        browser.driver().get(browser.node().base() + "/#/" + route);
        browser.waiting().until(d -> "rtl".equals(d.findElement(By.tagName("html")).getAttribute("dir")));
        page.find(By.cssSelector(route.equals("wallet") ? "#consent-uri" : route.equals("agency") ? "#issue-type" : "#verifier-type"));
        assertThat(page.horizontalOverflow()).as("horizontal overflow on %s", route).isLessThanOrEqualTo(0L);
        assertThat(page.unlabelledFields()).as("fields without a label on %s", route).isEmpty();
      }
    } finally {
      browser.driver().executeScript("localStorage.setItem('govledger.language', 'en')");
      browser.desktop();
      browser.driver().switchTo().window(citizenTab);
    }
  }
}
