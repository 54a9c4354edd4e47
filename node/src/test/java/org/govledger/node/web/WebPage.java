package org.govledger.node.web;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** What the browser tests do to a page: open a route, wait for text, run a page module. */
final class WebPage {
  private final BrowserSession browser;
  private final NodeUnderTest node;

  WebPage(BrowserSession browser) {
    this.browser = browser;
    this.node = browser.node();
  }

  /** Opens {@code #/<route>} and waits until the page module has drawn its heading. */
  void open(String route) {
    browser.driver().get(node.base() + "/#/" + route);
    browser.waiting().until(d -> !d.findElements(By.cssSelector("main h1")).isEmpty());
  }

  WebElement waitForText(By where, String text) {
    browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(where, text));
    return browser.driver().findElement(where);
  }

  WebElement find(By where) {
    return browser.waiting().until(ExpectedConditions.presenceOfElementLocated(where));
  }

  /**
   * Runs {@code body} (an async function body that may {@code await}) in the page with {@code
   * args} as {@code args}, and returns what it returns; a thrown error fails with its message.
   */
  Object run(String body, Object... args) {
    String script = "const done = arguments[arguments.length - 1];"
        + "const args = Array.from(arguments).slice(0, -1);"
        + "(async () => {" + body + "})().then(v => done({ok: v}), e => done({error: String(e && e.message || e)}));";
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> r = (java.util.Map<String, Object>)
        browser.driver().executeAsyncScript(script, args);
    if (r.containsKey("error")) {
      throw new AssertionError("in the page: " + r.get("error"));
    }
    return r.get("ok");
  }

  @SuppressWarnings("unchecked")
  List<Object> runList(String body, Object... args) {
    return (List<Object>) run(body, args);
  }

  /** How many CSS pixels the page is wider than its window; 0 or less when it fits. */
  long horizontalOverflow() {
    return (Long) browser.driver().executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
  }

  /** The fields (input, select, textarea) with neither a label nor an aria-label, as HTML. */
  List<?> unlabelledFields() {
    return (List<?>) browser.driver().executeScript(
        "return Array.from(document.querySelectorAll('input, select, textarea'))"
            + ".filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).map(e => e.outerHTML);");
  }
}
