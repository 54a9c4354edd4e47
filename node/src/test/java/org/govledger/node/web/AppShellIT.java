package org.govledger.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.govledger.client.GovLedgerClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The app around the pages: languages, right to left, a phone screen, keyboard, labels, sign-in. */
class AppShellIT {
  private static final List<String> PAGES = List.of("explorer", "wallet", "agency", "verifier", "bills");
  @RegisterExtension static BrowserSession browser = new BrowserSession();
  static WebPage page;
  @TempDir static Path files;

  @BeforeAll
  static void start() {
    page = new WebPage(browser);
  }

  @AfterEach
  void english() {
    browser.desktop();
    browser.driver().executeScript("localStorage.setItem('govledger.language', 'en')");
  }

  private void choose(String language) {
    new Select(browser.driver().findElement(By.id("language"))).selectByValue(language);
  }

  @Test
  void arabic_isRightToLeft_andChineseAndEnglishAreNot_switchableAnyTime() {
    page.open("explorer");
    choose("ar");
    page.waitForText(By.cssSelector("main h1"), "مستكشف السجل");
    assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
    assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ar");
    // Logical properties mirror the layout: the navigation starts on the right.
    WebElement nav = browser.driver().findElement(By.id("nav"));
    WebElement brand = browser.driver().findElement(By.className("brand"));
    assertThat(brand.getRect().getX()).isGreaterThan(nav.getRect().getX());

    page.open("wallet"); // the choice holds across pages
    page.waitForText(By.cssSelector("main h1"), "محفظتي");
    choose("zh");
    page.waitForText(By.cssSelector("main h1"), "我的卡包");
    assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("ltr");
    choose("en");
    page.waitForText(By.cssSelector("main h1"), "My wallet");
  }

  @Test
  void everyPage_fitsAPhone_andLabelsEveryField() {
    browser.phone();
    for (String p : PAGES) {
      page.open(p);
      assertThat(page.horizontalOverflow()).as("horizontal overflow on %s", p).isLessThanOrEqualTo(0L);
      assertThat(page.unlabelledFields()).as("fields without a label on %s", p).isEmpty();
    }
  }

  @Test
  void keyboard_reachesTheNavigation_andFollowsALink() {
    page.open("explorer");
    browser.driver().findElement(By.tagName("body")).sendKeys(Keys.TAB); // the skip link first
    WebElement wallet = browser.driver().findElement(By.cssSelector("#nav a[href='#/wallet']"));
    for (int i = 0; i < 10 && !wallet.equals(browser.driver().switchTo().activeElement()); i++) {
      browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
    }
    assertThat(browser.driver().switchTo().activeElement()).isEqualTo(wallet);
    wallet.sendKeys(Keys.ENTER);
    page.waitForText(By.cssSelector("main h1"), "My wallet");
  }

  @Test
  void staffSignIn_withABadKeyFile_namesTheProblem() throws Exception {
    Path bad = Files.writeString(files.resolve("not-a-key.json"), "{\"suite\": \"ed25519-sha256\", ");
    page.open("agency");
    browser.driver().findElement(By.id("key-file")).sendKeys(bad.toString());
    page.waitForText(By.id("sign-in-status"), "not-a-key.json cannot be used: the key file is not JSON");
  }

  @Test
  void staffSignIn_thenAnchorADocument_signedInThePage() throws Exception {
    Path doc = Files.writeString(files.resolve("letter.txt"), "a letter " + System.nanoTime());
    page.open("agency");
    browser.driver().findElement(By.id("key-file")).sendKeys(browser.node().data("keys/client.json").toString());
    page.waitForText(By.id("sign-in-status"), "Signed in as");
    browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("anchor-file")))
        .sendKeys(doc.toString());
    browser.driver().findElement(By.cssSelector("#anchor-status")).findElement(By.xpath("..")).submit();
    WebElement link = page.find(By.id("anchor-tx"));
    String digest = java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(doc)));
    var tx = new GovLedgerClient(browser.node().base()).get("/api/v1/transactions/" + link.getText());
    assertThat(tx.path("status").asText()).isEqualTo("committed");
    assertThat(tx.path("tx").path("body").path("digest").asText()).isEqualTo(digest);
    link.click();
    page.waitForText(By.id("proof-status"), "Proof verified");
  }
}
