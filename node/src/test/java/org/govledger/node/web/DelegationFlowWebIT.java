package org.govledger.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.govledger.credentials.HolderProof;
import org.govledger.client.GovLedgerClient;
import org.govledger.client.KeyFile;
import org.govledger.client.TxSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The delegation story in a real browser against a real node. Zhang Wei grants Li Na a
 * delegation from the wallet page, signed with a key made in this browser (bound to his demo
 * subject here through the identity authority's {@code identity/add-holder-key}, as the wallet
 * page asks). Li Na's wallet key is her demo holder key file, imported non-extractable into the
 * same browser's key store by the test (her identity card in the node's wallet is bound to that
 * key); her wallet page makes each presentation. The agency (sz-psb staff signed in with the
 * agency's key file) handles her applications in another tab: granted with every check, refused
 * for a service out of scope, and after Zhang Wei revokes, refused as revoked; he sees every
 * decision in his list.
 */
class DelegationFlowWebIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String OFFICE = "sz-psb";
  @RegisterExtension static BrowserSession browser = new BrowserSession();
  static WebPage page;
  static String grantor;
  static String grantee;
  static String grantorKey;
  static String granteeKey;

  @BeforeAll
  static void parties() throws Exception {
    page = new WebPage(browser);
    JsonNode holders = MAPPER.readTree(browser.node().data("keys/holders/holders.json").toFile());
    grantor = holders.get(0).path("subject").asText();
    grantee = holders.get(1).path("subject").asText();
    page.open("wallet");
    page.find(By.id("make-key")).click(); // waits for the page to draw it
    page.find(By.cssSelector("#wallet-keys pre.jwk"));
    List<Object> made = page.runList(
        "const { listKeys } = await import('/js/crypto/keystore.js');"
            + "const { publicJwk } = await import('/js/crypto/keys.js');"
            + "const k = (await listKeys('wallet'))[0];"
            + "return [k.id, JSON.stringify(publicJwk(k))];");
    grantorKey = (String) made.get(0);
    GovLedgerClient node = new GovLedgerClient(browser.node().base());
    TxSigner authority = new TxSigner("demo", KeyFile.read(browser.node().data("keys/agencies/sz-psb.json")));
    ObjectNode body = MAPPER.createObjectNode().put("subject", grantor);
    body.set("holderKey", MAPPER.readTree((String) made.get(1)));
    node.submit(authority.sign("identity/add-holder-key", body), true);
    granteeKey = (String) page.run(
        "const { importKeyFile } = await import('/js/crypto/keys.js');"
            + "const { saveKey } = await import('/js/crypto/keystore.js');"
            + "const key = await importKeyFile(args[0]); await saveKey(key, 'wallet'); return key.id;",
        java.nio.file.Files.readString(browser.node().data("keys/holders/li-na.json")));
  }

  @AfterEach
  void english() {
    browser.desktop();
    browser.driver().executeScript("localStorage.setItem('govledger.language', 'en')");
  }

  private static void type(By where, String text) {
    WebElement e = page.find(where);
    e.clear();
    e.sendKeys(text);
  }

  private static void setValue(By where, String value) {
    browser.driver().executeScript("arguments[0].value = arguments[1];", page.find(where), value);
  }

  /** Opens the delegation page as the holder of key for subject. */
  private static void openWallet(String key, String subject) {
    page.open("delegation");
    new Select(page.find(By.id("deleg-key"))).selectByValue(key);
    type(By.id("deleg-subject"), subject);
    browser.driver().findElement(By.id("deleg-open")).click();
    page.find(By.id("grant-form"));
  }

  private static void grantFails(String expect) {
    browser.driver().findElement(By.id("grant-submit")).click();
    page.waitForText(By.id("grant-status"), expect);
  }

  /** In Li Na's tab: her wallet presents her identity card to the office over the number. */
  private static String presentation(String grant, String application) {
    String card = "#received [data-grant='" + grant + "'] ";
    type(By.cssSelector(card + "input.application"), application);
    page.find(By.cssSelector(card + "form.present button[type=submit]")).click();
    page.waitForText(By.cssSelector(card + ".present-status"), "Presentation made for " + OFFICE);
    return page.find(By.cssSelector(card + "textarea.presentation")).getAttribute("value");
  }

  /** In the agency's tab: a new application for service, with Li Na's presentation, decided. */
  private static String apply(String granteeTab, String agencyTab, String grant, String service) {
    browser.driver().switchTo().window(agencyTab);
    browser.driver().findElement(By.id("apply-new")).click();
    String application = page.find(By.id("apply-application")).getAttribute("value");
    browser.driver().switchTo().window(granteeTab);
    String shown = presentation(grant, application);
    browser.driver().switchTo().window(agencyTab);
    type(By.id("apply-grant"), grant);
    type(By.id("apply-service"), service);
    setValue(By.id("apply-presentation"), shown);
    browser.driver().findElement(By.id("apply-submit")).click();
    return page.find(By.cssSelector("#apply-outcome [data-state]")).getAttribute("data-state");
  }

  private static String check(String name) {
    return page.find(By.cssSelector("#apply-checks tr[data-check='" + name + "']")).getAttribute("data-outcome");
  }

  private static List<String> decisions(String grant) {
    return browser.driver().findElements(By.cssSelector("#given [data-grant='" + grant + "'] table.decisions tbody tr"))
        .stream().map(r -> r.getAttribute("data-outcome")).toList();
  }

  @Test
  void grantApplyRefuseRevoke_eachDecisionShownWithEveryCheck() {
    String grantorTab = browser.driver().getWindowHandle();
    openWallet(grantorKey, grantor);
    type(By.id("grant-grantee"), "no-such-person");
    grantFails("unknown grantee: no subject no-such-person is registered");
    type(By.id("grant-grantee"), grantee);
    type(By.id("grant-services"), "vehicle-registration");
    page.find(By.cssSelector("#grant-offices input[value='" + OFFICE + "']")).click();
    setValue(By.id("grant-from"), "2031-05-02T10:00");
    setValue(By.id("grant-until"), "2031-05-01T10:00");
    grantFails("the window ends before it starts");
    setValue(By.id("grant-from"), "2020-01-01T00:00");
    setValue(By.id("grant-until"), "2099-01-01T00:00");
    type(By.id("grant-uses"), "2");
    page.find(By.id("grant-may-delegate")).click();
    browser.driver().findElement(By.id("grant-submit")).click();
    String news = page.waitForText(By.id("deleg-news"), "Granted: ").getText();
    String grant = news.substring(news.lastIndexOf(' ') + 1);
    page.find(By.cssSelector("#given [data-grant='" + grant + "'] [data-state='active']"));

    browser.driver().switchTo().newWindow(WindowType.TAB);
    String granteeTab = browser.driver().getWindowHandle();
    openWallet(granteeKey, grantee);
    page.find(By.cssSelector("#received [data-grant='" + grant + "']"));
    // Passing it on wider than received is refused by the ledger, in its words.
    page.find(By.cssSelector("#received [data-grant='" + grant + "'] button.pass-on")).click();
    type(By.id("grant-grantee"), grantor);
    type(By.id("grant-uses"), "3");
    grantFails("delegation.widened");

    browser.driver().switchTo().newWindow(WindowType.TAB);
    String agencyTab = browser.driver().getWindowHandle();
    page.open("agency-delegation");
    browser.driver().findElement(By.id("key-file"))
        .sendKeys(browser.node().data("keys/agencies/" + OFFICE + ".json").toString());
    page.waitForText(By.id("sign-in-status"), "Signed in as");
    type(By.id("apply-grant"), "not-a-grant");
    browser.driver().findElement(By.id("apply-submit")).click();
    page.waitForText(By.id("apply-status"), "a grant id is 64 hex digits");

    assertThat(apply(granteeTab, agencyTab, grant, "vehicle-registration")).isEqualTo("granted");
    assertThat(check("grantee-identity")).isEqualTo("passed");
    assertThat(check("link-1")).isEqualTo("passed");
    assertThat(check("uses-left")).isEqualTo("passed");
    page.waitForText(By.cssSelector("#apply-checks tr[data-check='uses-left']"), "1 of 2 left");

    assertThat(apply(granteeTab, agencyTab, grant, "household-register")).isEqualTo("refused");
    assertThat(check("link-1")).isEqualTo("failed");
    page.waitForText(By.cssSelector("#apply-result li[data-reason='service-out-of-scope']"), "household-register");

    browser.driver().switchTo().window(grantorTab);
    browser.driver().findElement(By.id("deleg-open")).click();
    page.find(By.cssSelector("#given [data-grant='" + grant + "'] button.revoke")).click();
    page.waitForText(By.id("deleg-news"), "Revoked: " + grant);
    page.find(By.cssSelector("#given [data-grant='" + grant + "'] [data-state='revoked']"));

    assertThat(apply(granteeTab, agencyTab, grant, "vehicle-registration")).isEqualTo("refused");
    page.waitForText(By.cssSelector("#apply-result li[data-reason='revoked']"), "revoked by its grantor");

    browser.driver().switchTo().window(grantorTab);
    browser.driver().findElement(By.id("deleg-open")).click();
    page.find(By.cssSelector("#given [data-grant='" + grant + "'] table.decisions"));
    assertThat(decisions(grant)).containsExactly("granted", "refused", "refused");
    page.waitForText(By.cssSelector("#given [data-grant='" + grant + "'] table.decisions"), "service-out-of-scope");
    page.waitForText(By.cssSelector("#given [data-grant='" + grant + "'] table.decisions"), "revoked");
    page.waitForText(By.cssSelector("#given [data-grant='" + grant + "']"), "1 of 2 used, 1 left");
  }

  @Test
  void bothPages_fitAPhoneInArabic_rightToLeft_withEveryFieldLabelled() {
    browser.phone();
    openWallet(grantorKey, grantor);
    new Select(browser.driver().findElement(By.id("language"))).selectByValue("ar");
    page.waitForText(By.cssSelector("main h1"), "تفويضاتي");
    page.find(By.id("grant-form")); // opened again for the remembered subject
    assertFits("delegation");
    page.open("agency-delegation");
    browser.driver().findElement(By.id("key-file"))
        .sendKeys(browser.node().data("keys/agencies/" + OFFICE + ".json").toString());
    page.find(By.id("apply-form"));
    assertFits("agency-delegation");
    assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
    browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main h1"),
        "الطلبات بموجب تفويض"));
  }

  @Test
  void aSubjectsGrants_areListedOnlyForItsHolder() throws Exception {
    String path = "/api/v1/wallets/" + grantor + "/delegations";
    URI uri = URI.create(browser.node().base() + path);
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> none = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.body()).contains("holder-proof-missing");
    String foreign = HolderProof.authorization(KeyFile.read(browser.node().data("keys/holders/li-na.json")),
        grantor, "GET", path);
    HttpResponse<String> other = http.send(HttpRequest.newBuilder(uri).header("Authorization", foreign).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(other.body()).contains("not-holder");
  }

  private static void assertFits(String route) {
    Object overflow = browser.driver().executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertThat((Long) overflow).as("horizontal overflow on %s", route).isLessThanOrEqualTo(0L);
    Object unlabelled = browser.driver().executeScript(
        "return Array.from(document.querySelectorAll('input, select, textarea'))"
            + ".filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).map(e => e.outerHTML);");
    assertThat((List<?>) unlabelled).as("fields without a label on %s", route).isEmpty();
  }
}
