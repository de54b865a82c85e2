// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in Debian's headless Chromium (installed by .ci/run; never downloaded): every page loads
 * without console errors and draws its charts, a chart click drills into Explore, acknowledging sticks, and
 * hostile event text is shown as text and runs nothing. Screenshots go to target/screenshots.
 */
class DashboardBrowserIT {
  @TempDir static Path tmp;
  static DashboardServer server;
  static ChromeDriver browser;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    server = DashboardServer.start(new ServerConfig(TestStore.create(tmp), "127.0.0.1", 0, null));
    base = "http://127.0.0.1:" + server.port();
    Path chromium = Path.of("/usr/bin/chromium");
    Path driver = Path.of("/usr/bin/chromedriver");
    assertThat(chromium).as("Debian's chromium (apt-get install -y chromium chromium-driver, as .ci/run does)").exists();
    assertThat(driver).exists();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--window-size=1400,1800", "--user-data-dir=" + tmp.resolve("profile"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).usingAnyFreePort().build(), options);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    server.close();
  }

  private void open(String hash, String page) {
    browser.get(base + "/" + hash);
    browser.navigate().refresh();
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> page.equals(d.findElement(By.tagName("body")).getDomAttribute("data-rendered")));
  }

  private static List<LogEntry> consoleErrors() {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
  }

  private static void screenshot(String name) throws Exception {
    Path dir = Path.of(System.getProperty("trailwatch.screenshots", "target/screenshots"));
    Files.createDirectories(dir);
    Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void everyPageLoadsWithoutConsoleErrorsAndDrawsItsCharts() throws Exception {
    for (String page : List.of("operations", "security", "explore", "sources")) {
      open("#/" + page + "?range=7d", page);
      assertThat(consoleErrors()).as("console errors on %s", page).isEmpty();
      screenshot(page);
    }
    open("#/operations?range=7d", "operations");
    List<WebElement> canvases = browser.findElements(By.cssSelector(".chart canvas"));
    assertThat(canvases).hasSizeGreaterThanOrEqualTo(6); // one per chart; ECharts draws labels on the canvas
    for (WebElement c : canvases) {
      assertThat(c.getSize().height).isGreaterThan(100);
    }
  }

  @Test
  void findingLevelsKeepTheirOrderAndColourAndTimeAxesReadAlike() {
    open("#/security?range=7d", "security");
    @SuppressWarnings("unchecked")
    List<String> levels = (List<String>) browser.executeScript(
        "return echarts.getInstanceByDom(document.querySelector('.chart')).getOption().series.map(s => s.name + '=' + s.itemStyle.color);");
    List<String> order = List.of("critical=#b00020", "high=#d9480f", "medium=#b08900", "low=#1a5fb4", "informational=#8a8a8a");
    assertThat(levels).hasSizeGreaterThanOrEqualTo(2).isSubsetOf(order);
    assertThat(levels).isSortedAccordingTo(java.util.Comparator.comparingInt(order::indexOf));
    open("#/operations?range=7d", "operations");
    @SuppressWarnings("unchecked")
    List<String> times = (List<String>) browser.executeScript(
        "return echarts.getInstanceByDom(document.querySelectorAll('.chart')[5]).getOption().xAxis[0].data;");
    assertThat(times).isNotEmpty().allMatch(t -> t.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}"));
  }

  @Test
  void theSqlPanelShowsTheAnswersColumnsEvenWithoutRows() {
    open("#/explore?range=7d", "explore");
    WebElement sql = browser.findElement(By.tagName("textarea"));
    sql.clear();
    sql.sendKeys("SELECT event_name, count(*) AS n FROM events WHERE event_name = 'NoSuchCall' GROUP BY 1");
    WebElement panel = sql.findElement(By.xpath("./ancestor::section"));
    panel.findElement(By.xpath(".//button[text()='Run']")).click();
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> panel.getText().contains("no rows"));
    assertThat(panel.findElements(By.tagName("th"))).extracting(WebElement::getText).containsExactly("event_name", "n");
  }

  @Test
  void exploreRowsStayOneLineHighOnANarrowScreen() {
    org.openqa.selenium.Dimension size = browser.manage().window().getSize();
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(800, 900));
    try {
      open("#/explore?range=7d", "explore");
      List<Integer> heights = browser.findElements(By.xpath("//main//table//tr[td]")).stream().limit(50).map(r -> r.getSize().height).toList();
      assertThat(heights).hasSizeGreaterThan(10);
      assertThat(java.util.Collections.max(heights)).as("row heights %s", heights).isLessThan(30); // one 12px line and padding
    } finally {
      browser.manage().window().setSize(size);
    }
  }

  @Test
  void thePagesShareTheScopeAndTheFormShowsIt() {
    open("#/operations?range=7d&region=us-east-1", "operations");
    browser.findElement(By.cssSelector("nav a[data-page=security]")).click();
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> "security".equals(d.findElement(By.tagName("body")).getDomAttribute("data-rendered")));
    assertThat(browser.getCurrentUrl()).contains("#/security?").contains("range=7d").contains("region=us-east-1");
    open("#/event?account=111111111111&key=xss-1", "event");
    browser.findElement(By.cssSelector("nav a[data-page=operations]")).click();
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> "operations".equals(d.findElement(By.tagName("body")).getDomAttribute("data-rendered")));
    assertThat(browser.findElement(By.cssSelector("#filters input[name=account]")).getDomProperty("value")).isEmpty();
    assertThat(browser.findElement(By.cssSelector("#filters input[name=region]")).getDomProperty("value")).isEmpty();
  }

  @Test
  void clickingAChartDrillsIntoExplore() {
    open("#/operations?range=7d", "operations");
    WebElement regions = browser.findElements(By.cssSelector("section.panel")).stream()
        .filter(s -> s.getText().startsWith("Events by AWS region")).findFirst().orElseThrow();
    WebElement canvas = regions.findElement(By.tagName("canvas"));
    // The first bar (the busiest region) sits near the top left of the plot area.
    new org.openqa.selenium.interactions.Actions(browser).moveToElement(canvas, -canvas.getSize().width / 2 + 240, -canvas.getSize().height / 2 + 40).click().perform();
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> "explore".equals(d.findElement(By.tagName("body")).getDomAttribute("data-rendered")));
    assertThat(browser.getCurrentUrl()).contains("f.aws_region=");
    assertThat(browser.findElement(By.tagName("main")).getText()).contains("filters: aws_region = ").contains("events");
  }

  @Test
  void exploreFiltersOnAnyTypedFieldAndSecurityFiltersByLevel() {
    open("#/explore?range=7d", "explore");
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.name("field"))).selectByValue("event_name");
    browser.findElement(By.name("value")).sendKeys("ConsoleLogin");
    browser.findElement(By.cssSelector("main form button")).click();
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("f.event_name=ConsoleLogin")
        && "explore".equals(d.findElement(By.tagName("body")).getDomAttribute("data-rendered")));
    List<WebElement> names = browser.findElements(By.xpath("//main//table//tr/td[2]"));
    assertThat(names).isNotEmpty().allMatch(td -> td.getText().equals("ConsoleLogin"));

    open("#/security?range=7d", "security");
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.name("level"))).selectByValue("critical");
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("level=critical")
        && "security".equals(d.findElement(By.tagName("body")).getDomAttribute("data-rendered")));
    List<WebElement> levels = browser.findElements(By.cssSelector("td.level-critical, td.level-high, td.level-medium, td.level-low"));
    assertThat(levels).isNotEmpty().allMatch(td -> td.getText().equals("critical"));
  }

  @Test
  void acknowledgingAFindingSticks() {
    open("#/security?range=7d", "security");
    WebElement link = browser.findElements(By.cssSelector("a.drill")).stream().filter(a -> a.getText().matches("[0-9a-f]{12}")).findFirst().orElseThrow();
    String id = link.getText();
    link.click();
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElements(By.xpath("//tr[td/a[text()='" + id + "']]/td[text()='acknowledged']")).size() == 1);
    open("#/security?range=7d", "security"); // a fresh load still shows it
    assertThat(browser.findElements(By.xpath("//tr[td/a[text()='" + id + "']]/td[text()='acknowledged']"))).hasSize(1);
  }

  @Test
  void hostileEventTextIsShownAndNeverRuns() throws Exception {
    open("#/event?account=111111111111&key=xss-1", "event");
    screenshot("event");
    assertThat(browser.getTitle()).isEqualTo("Trailwatch");
    String text = browser.findElement(By.tagName("main")).getText();
    assertThat(text).contains(TestStore.XSS_AGENT).contains(TestStore.XSS_ERROR).contains("<b>eve</b>").contains("<svg onload=alert(1)>");
    assertThat(browser.findElements(By.cssSelector("main script, main img, main svg, main b"))).isEmpty();
    open("#/explore?range=7d&q=eve", "explore");
    assertThat(browser.getTitle()).isEqualTo("Trailwatch");
    assertThat(browser.findElements(By.cssSelector("main b"))).isEmpty();
    assertThat(consoleErrors()).isEmpty();
  }
}
