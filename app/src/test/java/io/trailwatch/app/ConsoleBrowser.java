package io.trailwatch.app;

import io.trailwatch.app.cli.CallerCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium signed in to the console with an access key, and what tests read off its pages. */
final class ConsoleBrowser implements AutoCloseable {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final WebDriver driver;

    private ConsoleBrowser(final WebDriver driver) {
        this.driver = driver;
    }

    static ConsoleBrowser signedIn(final String endpoint, final CallerCredentials who) {
        final ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--disable-sync", "--window-size=1400,1000");
        final ConsoleBrowser browser = new ConsoleBrowser(new ChromeDriver(new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build(), options));
        browser.driver.get(endpoint + "/console");
        final FluentWait<WebDriver> wait = waiting(browser.driver, WAIT);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("access-key-id"))).sendKeys(who.accessKeyId());
        browser.driver.findElement(By.id("secret-access-key")).sendKeys(who.secretAccessKey());
        browser.driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
        return browser;
    }

    /**
     * A wait for the console's pages. The console re-renders its tables on every refresh, so an element found one
     * moment may be replaced the next; a condition that meets a replaced element is asked again, not failed.
     */
    static FluentWait<WebDriver> waiting(final WebDriver driver, final Duration timeout) {
        return new WebDriverWait(driver, timeout).ignoring(StaleElementReferenceException.class);
    }

    /** {@link #waiting(WebDriver, Duration)} asking every {@code poll}. */
    static FluentWait<WebDriver> waiting(final WebDriver driver, final Duration timeout, final Duration poll) {
        return new WebDriverWait(driver, timeout, poll).ignoring(StaleElementReferenceException.class);
    }

    /**
     * Clicks what {@code target} locates once it is clickable. Found and clicked in one attempt, asked again when a
     * refresh replaced the element in between: a person clicks what is on the screen, never a row that was there.
     */
    static void click(final WebDriver driver, final By target) {
        waiting(driver, WAIT).until(current -> {
            final WebElement element = ExpectedConditions.elementToBeClickable(target).apply(current);
            if (element == null) {
                return false;
            }
            element.click();
            return true;
        });
    }

    WebDriver driver() {
        return driver;
    }

    /** Pixels of the canvases under {@code selector} drawn in the colour {@code rgb}: a line, not an empty plot. */
    long pixelsOf(final String selector, final int[] rgb) {
        final Object counted = ((JavascriptExecutor) driver).executeScript("""
            let n = 0;
            for (const canvas of document.querySelectorAll(arguments[0] + ' canvas')) {
              const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              for (let i = 0; i < pixels.length; i += 4) {
                const near = (k, v) => Math.abs(pixels[i + k] - v) < 8;
                if (near(0, arguments[1]) && near(1, arguments[2]) && near(2, arguments[3]) && pixels[i + 3] > 200) n++;
              }
            }
            return n;""", selector, rgb[0], rgb[1], rgb[2]);
        return ((Number) counted).longValue();
    }

    void screenshot(final Path file) throws java.io.IOException {
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
