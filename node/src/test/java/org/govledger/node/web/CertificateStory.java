package org.govledger.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.Select;

/**
 * The steps the certificate pages' browser tests share: a citizen tab and a verifier tab (signed
 * in as sz-bank), a wallet key made in the page and bound by the identity authority's console, a
 * no-criminal-record certificate issued from the agency's form, and a verifier's request whose QR
 * picture the citizen uploads.
 */
final class CertificateStory {
  static final String NCR = "no-criminal-record-certificate";

  private final BrowserSession browser;
  private final WebPage page;
  private final Path files;
  private final String citizenTab;
  private final String verifierTab;
  private String subject;

  /** Opens the verifier's tab, signs it in as sz-bank and comes back to the citizen's. */
  CertificateStory(BrowserSession browser, Path files) {
    this.browser = browser;
    this.page = new WebPage(browser);
    this.files = files;
    citizenTab = browser.driver().getWindowHandle();
    browser.driver().switchTo().newWindow(WindowType.TAB);
    verifierTab = browser.driver().getWindowHandle();
    open("verifier");
    signIn("keys/verifiers/sz-bank.json");
    browser.driver().switchTo().window(citizenTab);
  }

  WebPage page() {
    return page;
  }

  String citizenTab() {
    return citizenTab;
  }

  String verifierTab() {
    return verifierTab;
  }

  void toCitizen() {
    browser.driver().switchTo().window(citizenTab);
  }

  void toVerifier() {
    browser.driver().switchTo().window(verifierTab);
  }

  void signIn(String keyFile) {
    browser.driver().findElement(By.id("key-file")).sendKeys(browser.node().data(keyFile).toString());
    page.waitForText(By.id("sign-in-status"), "Signed in as");
  }

  /**
   * Opens a page afresh and waits for its own heading: following a hash link keeps the old page's
   * heading until the new one is drawn, so a wait for any heading would return too early.
   */
  void open(String route) {
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

  WebElement byId(String id) {
    return page.find(By.id(id));
  }

  /** The citizen's wallet, made in the page and bound by the identity authority's console, once. */
  String citizen() {
    if (subject != null) {
      return subject;
    }
    toCitizen();
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
  String issueCertificate() {
    String holder = citizen();
    toCitizen();
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
  void ask(String... claims) {
    toVerifier();
    open("verifier");
    new Select(byId("verifier-type")).selectByValue(NCR);
    for (String c : claims) {
      byId("verifier-claims").findElement(By.cssSelector("input[value='" + c + "']")).click();
    }
    byId("verifier-submit").click();
    page.waitForText(By.id("verifier-result"), "Waiting for the holder");
  }

  /** The QR picture an image link (href) or image (src) on the page points at, saved as a file. */
  Path picture(String id, String attribute) throws Exception {
    String png = byId(id).getAttribute(attribute);
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(png)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    return Files.write(files.resolve("qr-" + System.nanoTime() + ".png"), r.body());
  }

  /** The QR picture the verifier page shows, saved as a file the citizen can upload. */
  Path qrPicture() throws Exception {
    return picture("verifier-qr-png", "href");
  }

  void scanInWallet(Path picture) {
    toCitizen();
    open("wallet");
    byId("consent-scan-picture").sendKeys(picture.toString());
    page.waitForText(By.id("consent-screen"), "Example Bank");
  }

  WebElement verifierResult(String text) {
    toVerifier();
    return page.waitForText(By.id("verifier-result"), text);
  }

  /** In the citizen's tab: opens the wallet and the document with this credential id. */
  void openDocument(String credentialId) {
    toCitizen();
    open("wallet");
    byId("wallet-docs").findElement(By.cssSelector("li[data-credential='" + credentialId + "'] button")).click();
    byId("wallet-claims");
  }
}
