package org.govledger.node.web;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium per test class, driven through Debian's chromedriver. Both paths are
 * given explicitly so that Selenium never tries to download a driver (this machine has no
 * general internet). A failing test leaves a screenshot and the page source under
 * {@code target/browser-failures/}. The browser talks to the run's shared {@link NodeUnderTest}.
 */
public final class BrowserSession implements BeforeAllCallback, AfterAllCallback, TestWatcher {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  /** How long any wait for the page may take; generous for a busy 2-core machine. */
  static final Duration PATIENCE = Duration.ofSeconds(20);

  private Path profile;
  private ChromeDriver driver;
  private NodeUnderTest node;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    ensureChromium();
    node = NodeUnderTest.shared(context);
    profile = Files.createTempDirectory("govledger-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort()
        .build();
    driver = new ChromeDriver(service, options);
    desktop();
  }

  /**
   * So that the README's test command works on a fresh Debian machine too, not only through
   * {@code .ci/run}: install Debian's chromium and chromedriver when they are missing (as root,
   * quietly), or say exactly what is missing.
   */
  private static synchronized void ensureChromium() throws IOException {
    if (new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute()) {
      return;
    }
    ProcessBuilder install = new ProcessBuilder("sh", "-c",
        "apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium chromium-driver")
        .redirectErrorStream(true);
    install.environment().put("DEBIAN_FRONTEND", "noninteractive");
    String output;
    int exit;
    try {
      Process p = install.start();
      output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      exit = p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while installing chromium", e);
    }
    if (exit != 0 || !new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
      throw new IOException("the browser tests need Debian's chromium and chromium-driver ("
          + CHROMIUM + ", " + CHROMEDRIVER + "); installing them with apt-get failed (exit " + exit
          + "): " + output.strip() + "\nInstall them as root: apt-get install chromium chromium-driver");
    }
  }

  public ChromeDriver driver() {
    return driver;
  }

  public NodeUnderTest node() {
    return node;
  }

  public WebDriverWait waiting() {
    // live pages (SSE, polling) replace elements while a condition reads them: look again
    WebDriverWait wait = new WebDriverWait(driver, PATIENCE);
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    return wait;
  }

  /** A laptop-sized window. */
  public void desktop() {
    driver.manage().window().setSize(new Dimension(1280, 900));
  }

  /** A phone-sized window (an iPhone 14's CSS pixels). */
  public void phone() {
    driver.manage().window().setSize(new Dimension(390, 844));
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    if (driver == null) {
      return;
    }
    String name = context.getRequiredTestClass().getSimpleName() + "-"
        + context.getTestMethod().map(m -> m.getName()).orElse("class");
    try {
      Path dir = Files.createDirectories(Path.of("target", "browser-failures"));
      Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
      Files.writeString(dir.resolve(name + ".html"),
          Optional.ofNullable(driver.getPageSource()).orElse(""), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }
}
