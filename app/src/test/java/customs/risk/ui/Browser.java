package customs.risk.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven by Selenium (Debian's chromium and chromedriver, a fresh profile per
 * browser, its console kept for reading); screenshots go to {@code target/screenshots}.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final Path profile;
    private final WebDriver driver;
    private final String base;

    Browser(int port) {
        this(port, false);
    }

    /**
     * A browser that poses as a phone: a screen of 390 x 844 CSS pixels (an iPhone 14's), touch, a
     * mobile user agent (Chromium's device emulation: a headless window is at least 500 pixels wide).
     */
    static Browser phone(int port) {
        return new Browser(port, true);
    }

    private Browser(int port, boolean phone) {
        try {
            profile = Files.createTempDirectory("chromium-profile");
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1400,1000",
                "--user-data-dir=" + profile);
        if (phone) {
            options.setExperimentalOption(
                    "mobileEmulation",
                    java.util.Map.of(
                            "deviceMetrics",
                            java.util.Map.of("width", 390, "height", 844, "pixelRatio", 2.0, "touch", true),
                            "userAgent",
                            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
                                    + " Chrome/130.0 Mobile Safari/537.36"));
        }
        options.setCapability("goog:loggingPrefs", java.util.Map.of(LogType.BROWSER, "ALL"));
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .build();
        driver = new ChromeDriver(service, options);
        base = "http://localhost:" + port;
    }

    /** Signs in through the login view as {@code user}, after signing out whoever was signed in. */
    void login(String user, String password) {
        driver.manage().deleteAllCookies();
        open("/login");
        var form = byId("login-form");
        var name = form.findElement(By.cssSelector("input[name='username']"));
        name.sendKeys(user);
        var secret = form.findElement(By.cssSelector("input[name='password']"));
        secret.sendKeys(password);
        secret.sendKeys(org.openqa.selenium.Keys.ENTER);
        until(d -> path().startsWith("/login") ? null : true);
    }

    /** Chooses a file in the vaadin-upload with this id (which starts uploading it). */
    void chooseFile(String uploadId, Path file) {
        var upload = byId(uploadId);
        var input = upload.findElements(By.cssSelector("input[type=file]")).stream()
                .findFirst()
                .orElseGet(() -> upload.getShadowRoot().findElement(By.cssSelector("input[type=file]")));
        input.sendKeys(file.toAbsolutePath().toString());
    }

    /** Chooses a file in the vaadin-upload with this id, and waits until it is uploaded. */
    void attach(String uploadId, Path file) {
        chooseFile(uploadId, file);
        until(d -> Boolean.TRUE.equals(script(
                        "const u = document.getElementById(arguments[0]);"
                                + " return u.files.length > 0 && u.files.every(f => f.complete);",
                        uploadId))
                ? true
                : null);
    }

    void open(String path) {
        driver.get(base + path);
    }

    String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    /** The element with this id, once it is there (Vaadin renders after the page loads). */
    WebElement byId(String id) {
        return until(d -> d.findElements(By.id(id)).stream().findFirst().orElse(null));
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /** Types into a Vaadin field (its native input is in the light DOM) and leaves it, which commits the value. */
    void type(String fieldId, String text) {
        var input = byId(fieldId).findElement(By.cssSelector("input, textarea"));
        centre(input);
        input.clear();
        input.sendKeys(text);
        input.sendKeys(org.openqa.selenium.Keys.TAB);
    }

    /** Picks an option of a Vaadin combo box by typing it and pressing Enter. */
    void choose(String fieldId, String option) {
        var input = byId(fieldId).findElement(By.cssSelector("input"));
        centre(input);
        input.clear();
        input.sendKeys(option);
        input.sendKeys(org.openqa.selenium.Keys.ENTER);
        input.sendKeys(org.openqa.selenium.Keys.TAB);
    }

    /** Picks an option of a Vaadin select: opens it and clicks the item with that label. */
    void select(String fieldId, String label) {
        var select = byId(fieldId);
        centre(select);
        select.click();
        var item = until(d -> d.findElements(By.cssSelector("vaadin-select-item")).stream()
                .filter(i -> i.getText().strip().equals(label))
                .findFirst()
                .orElse(null));
        item.click();
    }

    void click(String id) {
        var element = byId(id);
        centre(element);
        element.click();
    }

    /** Scrolls an element to the middle of the window, clear of the sticky header. */
    private void centre(WebElement element) {
        script("arguments[0].scrollIntoView({block: 'center'});", element);
    }

    /** The HTTP status of a GET from the page, with the signed-in session's cookies. */
    long fetchStatus(String path) {
        return (Long) ((JavascriptExecutor) driver)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => done(r.status));",
                        path);
    }

    /** The body of a GET from the page, with the signed-in session's cookies. */
    byte[] fetchBytes(String path) {
        String dataUrl = (String) ((JavascriptExecutor) driver)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.blob())"
                                + ".then(b => { const f = new FileReader(); f.onload = () => done(f.result);"
                                + " f.readAsDataURL(b); });",
                        path);
        return java.util.Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1));
    }

    /** The warnings and errors on the browser's console since the last call. */
    List<String> consoleProblems() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /**
     * Waits for {@code condition}; an element Vaadin replaced while the condition read it is looked
     * up again on the next try rather than failing the wait.
     */
    <T> T until(java.util.function.Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(30))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            // What the page showed when it did not get there, for whoever reads the failure.
            screenshot("failed-at-" + path().replaceAll("[^A-Za-z0-9]+", "-"));
            throw e;
        }
    }

    void screenshot(String name) {
        try {
            Files.write(
                    SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
        try (var walk = Files.walk(profile)) {
            walk.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover profile in /tmp harms nothing.
        }
    }
}
