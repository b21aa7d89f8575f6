package org.mailstack.webmail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium through its own chromedriver: Selenium never downloads a driver or a browser.
 * Public, with the other browser helpers, for the end-to-end tests against the whole stack (this module's test-jar).
 * The browser accepts any certificate: the webmail under test serves a self-signed pair.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** Where {@link #screenshot} writes, relative to the module that runs the test. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Why a browser test is skipped when {@link #available()} is false. */
    public static final String MISSING = "browser tests skipped: install Debian's chromium and chromium-driver "
            + "(apt-get install -y chromium chromium-driver; scripts/lib/test-tools.sh does it)";

    public final ChromeDriver driver;
    private final String base;
    private Duration lookUp = Duration.ofSeconds(5);

    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    }

    public Browser(String base) {
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
                "--disable-dev-shm-usage", "--ignore-certificate-errors", "--window-size=1280,900",
                "--disable-features=HttpsUpgrades");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.setAcceptInsecureCerts(true);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().implicitlyWait(lookUp);
        this.base = base;
    }

    public void open(String path) {
        go(base + path);
    }

    /**
     * Loads an absolute URL. Chromium aborts a load when the machine's network changes under it (Docker adding or
     * removing an interface for someone else's container) and shows its own error page; such a load is tried again,
     * three times at the most.
     */
    public void go(String url) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            driver.get(url);
            if (!onNetworkErrorPage()) {
                return;
            }
        }
    }

    /** Whether the page is Chromium's own network error page rather than the server's answer. */
    public boolean onNetworkErrorPage() {
        return Boolean.TRUE.equals(driver.executeScript(
                "return document.body !== null && document.body.classList.contains('neterror');"));
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public void type(String css, String text) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(text);
    }

    public void signIn(String address, String password) {
        open("/login");
        type("#address", address);
        type("#password", password);
        clickAndWait("#signin");
    }

    public List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    public void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** How many pixels the current page is wider than the window (0 or less: no sideways scrolling). */
    public int sidewaysOverflow() {
        Object overflow = driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        return ((Number) overflow).intValue();
    }

    /** How long a page load and a look-up of an element may take (a shared, slow machine needs more). */
    public void patience(Duration pageLoad, Duration lookUp) {
        driver.manage().timeouts().pageLoadTimeout(pageLoad);
        driver.manage().timeouts().implicitlyWait(lookUp);
        this.lookUp = lookUp;
    }

    /** How long a look-up of an element waits for it to appear. */
    public Duration lookUp() {
        return lookUp;
    }

    /**
     * Clicks {@code css} (a submit button or a link) and waits until the page it was on has been replaced and the new
     * one has loaded, so that what is read next is the answer and not the page before it. Fails when Chromium shows
     * its own network error page instead of the answer.
     */
    public void clickAndWait(String css) {
        WebElement element = find(css);
        element.click();
        Awaitility.await("the page after clicking " + css).atMost(driver.manage().timeouts().getPageLoadTimeout())
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    try {
                        element.isEnabled();
                        return false;
                    } catch (StaleElementReferenceException replaced) {
                        return "complete".equals(driver.executeScript("return document.readyState"));
                    }
                });
        if (onNetworkErrorPage()) {
            // not sent again: the request may have changed something before its answer was lost
            throw new AssertionError("Chromium lost the answer to " + css + " (the machine's network changed under "
                    + "it, as when Docker adds an interface for another container)");
        }
    }

    /** Picks the option with {@code value} in the select {@code css}. */
    public void choose(String css, String value) {
        for (WebElement option : all(css + " option")) {
            if (value.equals(option.getAttribute("value"))) {
                option.click();
                return;
            }
        }
        throw new AssertionError("no option " + value + " in " + css);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
