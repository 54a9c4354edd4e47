package org.govledger.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
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
  private static final String NCR = "no-criminal-record-certificate";
  @RegisterExtension static BrowserSession browser = new BrowserSession();
  @TempDir static Path files;
  static WebPage page;
  static String citizenTab;
  static String verifierTab;
  static String subject;

  @BeforeAll
  static void start() {
    page = new WebPage(browser);
    citizenTab = browser.driver().getWindowHandle();
    browser.driver().switchTo().newWindow(WindowType.TAB);
    verifierTab = browser.driver().getWindowHandle();
    open("verifier");
    signIn("keys/verifiers/sz-bank.json");
    browser.driver().switchTo().window(citizenTab);
  }

  private static void signIn(String keyFile) {
    browser.driver().findElement(By.id("key-file")).sendKeys(browser.node().data(keyFile).toString());
    page.waitForText(By.id("sign-in-status"), "Signed in as");
  }

  /**
   * Opens a page afresh and waits for its own heading: following a hash link keeps the old page's
   * heading until the new one is drawn, so a wait for any heading would return too early.
   */
  private static void open(String route) {
    String heading = Map.of("wallet", "My wallet", "agency", "Agency console", "verifier", "Verifier").get(route);
    String url = browser.node().base() + "/#/" + route;
    if (url.equals(browser.driver().getCurrentUrl())) {
      browser.driver().navigate().refresh(); // the same URL again would keep the old page's fields
    } else {
      browser.driver().get(url);
    }
    page.waitForText(By.cssSelector("main h1"), heading);
    browser.waiting().until(d -> !d.findElements(By.cssSelector(
        route.equals("wallet") ? "#wallet-keys h2" : "#key-file")).isEmpty());
  }

  private static WebElement byId(String id) {
    return page.find(By.id(id));
  }

  /** The citizen's wallet, made in the page and bound by the identity authority's console, once. */
  private static String citizen() {
    if (subject != null) {
      return subject;
    }
    browser.driver().switchTo().window(citizenTab);
    open("wallet");
    // the page draws either the button (no key yet) or the key; wait for one of them
    WebElement drawn = page.find(By.cssSelector("#make-key, #wallet-jwk"));
    if ("make-key".equals(drawn.getAttribute("id"))) {
      drawn.click();
    }
    String jwk = byId("wallet-jwk").getText();
    assertThat(jwk).contains("\"kty\":\"EC\"").doesNotContain("\"d\"");
    open("agency");
    signIn("keys/agencies/sz-psb.json");
    byId("enrol-jwk").sendKeys(jwk);
    byId("enrol-submit").click();
    subject = byId("enrol-subject").getText();
    open("wallet");
    byId("wallet-subject").sendKeys(subject);
    byId("wallet-subject-save").click();
    page.waitForText(By.id("wallet-bound"), subject);
    return subject;
  }

  /** Issues a no-criminal-record certificate from the example, after one refused empty form. */
  private static String issueCertificate() {
    String holder = citizen();
    browser.driver().switchTo().window(citizenTab);
    open("agency");
    new Select(byId("issue-type")).selectByValue(NCR);
    byId("issue-subject").sendKeys(holder, Keys.TAB);
    browser.waiting().until(d -> !new Select(d.findElement(By.id("issue-holder-key"))).getOptions().isEmpty());
    byId("issue-submit").click();
    WebElement problems = byId("issue-problems");
    assertThat(problems.getText()).contains("name: required").contains("idNumber: required");
    byId("issue-example").click();
    byId("issue-submit").click();
    page.waitForText(By.id("issue-valid"), "valid");
    assertThat(byId("issue-valid").getAttribute("class")).isEqualTo("ok");
    return byId("issue-id").getAttribute("textContent");
  }

  /** In the verifier's tab: asks for these claims of a no-criminal-record certificate. */
  private static void ask(String... claims) {
    browser.driver().switchTo().window(verifierTab);
    open("verifier");
    new Select(byId("verifier-type")).selectByValue(NCR);
    for (String c : claims) {
      byId("verifier-claims").findElement(By.cssSelector("input[value='" + c + "']")).click();
    }
    byId("verifier-submit").click();
    page.waitForText(By.id("verifier-result"), "Waiting for the holder");
  }

  /** The QR picture the verifier page shows, saved as a file the citizen can upload. */
  private static Path qrPicture() throws Exception {
    String png = byId("verifier-qr-png").getAttribute("href");
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(png)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    return Files.write(files.resolve("qr-" + System.nanoTime() + ".png"), r.body());
  }

  private static void scanInWallet(Path picture) {
    browser.driver().switchTo().window(citizenTab);
    open("wallet");
    byId("consent-scan-picture").sendKeys(picture.toString());
    page.waitForText(By.id("consent-screen"), "Example Bank");
  }

  private static WebElement verifierResult(String text) {
    browser.driver().switchTo().window(verifierTab);
    return page.waitForText(By.id("verifier-result"), text);
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
