package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.app.cli.CallerCredentials;
import io.trailwatch.identity.policy.ManagedPolicies;
import io.trailwatch.testkit.UniqueNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * The console in a real browser (Debian's headless Chromium): a person signs in with an access key, sees an alarm
 * go red, opens its graph and finds the line drawn, looks up an event and opens its JSON; an alarm's description
 * that holds HTML is shown as text; a read-only user sees no write control, and a write forced anyway is refused in
 * words.
 */
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ)
class ConsoleIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The series colour console.js draws a metric in (#0969da). */
    private static final int[] SERIES_RGB = {9, 105, 218};
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private static String endpoint;
    private static TestIdentity identity;
    private static CloudWatchClient cloudWatch;
    private static final List<WebDriver> browsers = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        endpoint = RunningTrailwatch.get().endpoint();
        identity = TestIdentity.get();
        cloudWatch = AwsClients.cloudWatch(endpoint, identity.administrator());
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        browsers.forEach(WebDriver::quit);
        if (cloudWatch != null) {
            cloudWatch.close();
        }
    }

    @Test
    void anAlarmGoesRedItsGraphIsDrawnAndAnEventsJsonOpens() throws Exception {
        final String namespace = UniqueNames.of("Console");
        final String alarm = UniqueNames.of("ConsoleQueueDepth");
        final Dimension queue = Dimension.builder().name("Queue").value("orders").build();
        final Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        for (int ago = 5; ago >= 1; ago--) {
            final double depth = 30 + ago; // every minute breaches: whatever the alarm evaluates, it is ALARM
            final Instant at = minute.minus(Duration.ofMinutes(ago));
            cloudWatch.putMetricData(put -> put.namespace(namespace).metricData(MetricDatum.builder()
                .metricName("Depth").dimensions(queue).timestamp(at).value(depth).build()));
        }
        cloudWatch.putMetricAlarm(put -> put.alarmName(alarm).namespace(namespace).metricName("Depth")
            .dimensions(queue).statistic(Statistic.MAXIMUM).period(60).evaluationPeriods(1).threshold(25.0)
            .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).treatMissingData("ignore")
            .alarmDescription("Orders queue <img src=x onerror=\"window.__xss=1\"> too deep"));
        cloudWatch.setAlarmState(set -> set.alarmName(alarm).stateValue(StateValue.ALARM)
            .stateReason("raised for the console test"));

        final WebDriver browser = browser();
        signIn(browser, identity.administrator());
        browser.get(endpoint + "/console#/alarms");
        final By alarmRow = By.cssSelector("tr[data-alarm='" + alarm + "']");
        final WebElement row = new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("tr[data-alarm='" + alarm + "'] .state-ALARM")));
        assertThat(row.getText()).isEqualTo("ALARM");
        assertThat(browser.findElement(alarmRow).getText()).contains("<img src=x onerror=\"window.__xss=1\">");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__xss === undefined")).isEqualTo(true);
        screenshot(browser, "alarms");

        browser.get(endpoint + "/console#/overview");
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
            By.id("alarms-in-alarm"), alarm));
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
            By.id("recent-changes"), alarm));
        screenshot(browser, "overview");
        browser.get(endpoint + "/console#/alarms");

        new WebDriverWait(browser, WAIT).until(ExpectedConditions.elementToBeClickable(
            By.cssSelector("tr[data-alarm='" + alarm + "'] a"))).click();
        new WebDriverWait(browser, WAIT).until(driver -> driver.findElements(By.cssSelector("#alarm-chart canvas"))
            .size() > 0);
        assertThat(Integer.parseInt(browser.findElement(By.id("alarm-chart")).getAttribute("data-points")))
            .isGreaterThanOrEqualTo(3);
        new WebDriverWait(browser, WAIT).until(driver -> seriesPixels(driver, "#alarm-chart") > 50);
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
            By.id("alarm-history"), "to ALARM"));
        assertThat(browser.findElement(By.id("alarm-history")).getText()).contains("StateUpdate");
        for (final String control : List.of("set-state", "delete-alarm", "edit-alarm")) {
            assertThat(browser.findElement(By.id(control)).isDisplayed()).as(control + " shown to an administrator")
                .isTrue();
        }
        screenshot(browser, "alarm");

        browser.get(endpoint + "/console#/metrics?namespace=" + namespace);
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.elementToBeClickable(
            By.cssSelector("tr[data-metric='Depth'] a"))).click();
        new WebDriverWait(browser, WAIT).until(driver -> seriesPixels(driver, "#metric-chart") > 50);
        assertThat(browser.getCurrentUrl()).contains("metric=Depth").contains("dimension=Queue%3Dorders");
        screenshot(browser, "metric");

        browser.get(endpoint + "/console#/events?attribute=EventName&value=PutMetricAlarm");
        final WebElement event = new WebDriverWait(browser, WAIT).until(driver -> driver.findElements(
            By.cssSelector("#events tbody tr")).stream().findFirst().orElse(null));
        event.click();
        final WebElement json = new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
            By.id("event-json")));
        assertThat(json.getText()).contains("\"eventName\": \"PutMetricAlarm\"").contains("\"eventSource\"");
        screenshot(browser, "event-history");
    }

    @Test
    void aReadOnlyUserSeesNoWriteControlsAndAForcedWriteIsRefusedInWords() {
        final String namespace = UniqueNames.of("ConsoleRead");
        final String alarm = UniqueNames.of("ConsoleReadOnly");
        cloudWatch.putMetricAlarm(put -> put.alarmName(alarm).namespace(namespace).metricName("Depth")
            .statistic(Statistic.MAXIMUM).period(60).evaluationPeriods(1).threshold(25.0)
            .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
        final CallerCredentials reader = TestIdentity.credentials(identity.newUser(UniqueNames.of("console-reader"),
            ManagedPolicies.READ_ONLY_ACCESS));

        final WebDriver browser = browser();
        signIn(browser, reader);
        browser.get(endpoint + "/console#/alarms");
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("tr[data-alarm='" + alarm + "']")));
        assertThat(browser.findElement(By.id("create-alarm")).isDisplayed()).isFalse();
        browser.get(endpoint + "/console#/alarms/" + alarm);
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#view h1"),
            alarm));
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("set-state")));
        for (final String control : List.of("set-state", "delete-alarm", "edit-alarm", "alarm-form")) {
            assertThat(browser.findElements(By.id(control))).as(control).allSatisfy(found ->
                assertThat(found.isDisplayed()).as(control + " shown to a read-only user").isFalse());
        }

        // The controls are only hidden: forced into view, the write goes to the server, which refuses it.
        ((JavascriptExecutor) browser).executeScript("document.getElementById('set-state').hidden = false;");
        browser.findElement(By.cssSelector("#set-state button")).click();

        final WebElement result = new WebDriverWait(browser, WAIT).until(ExpectedConditions
            .visibilityOfElementLocated(By.cssSelector("#set-state-result .error")));
        assertThat(result.getText()).startsWith("AccessDenied").contains("cloudwatch:SetAlarmState");
        assertThat(cloudWatch.describeAlarms(describe -> describe.alarmNames(alarm)).metricAlarms().get(0)
            .stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);
    }

    @Test
    void aWrongSecretIsRefusedOnTheSignInPage() {
        final WebDriver browser = browser();
        browser.get(endpoint + "/console");
        fillSignIn(browser, new CallerCredentials(identity.administrator().accessKeyId(), "not-the-secret", "test"));
        final WebElement error = new WebDriverWait(browser, WAIT).until(driver -> {
            final WebElement shown = driver.findElement(By.id("sign-in-error"));
            return shown.getText().isEmpty() ? null : shown;
        });
        assertThat(error.getText()).startsWith("SignatureDoesNotMatch");
        assertThat(browser.findElement(By.id("nav")).isDisplayed()).isFalse();
    }

    private static WebDriver browser() {
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        final ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless=new",
            "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900");
        final WebDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build(), options);
        browsers.add(browser);
        return browser;
    }

    private static void signIn(final WebDriver browser, final CallerCredentials who) {
        browser.get(endpoint + "/console");
        fillSignIn(browser, who);
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
    }

    private static void fillSignIn(final WebDriver browser, final CallerCredentials who) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
        browser.findElement(By.id("access-key-id")).sendKeys(who.accessKeyId());
        browser.findElement(By.id("secret-access-key")).sendKeys(who.secretAccessKey());
        browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
    }

    /** Pixels of the chart in the series' colour: the line itself, not just an empty canvas. */
    private static long seriesPixels(final WebDriver browser, final String chart) {
        final Object counted = ((JavascriptExecutor) browser).executeScript("""
            const canvas = document.querySelector(arguments[3] + ' canvas');
            if (!canvas) return 0;
            const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            let n = 0;
            for (let i = 0; i < data.length; i += 4) {
              if (Math.abs(data[i] - arguments[0]) < 8 && Math.abs(data[i + 1] - arguments[1]) < 8
                  && Math.abs(data[i + 2] - arguments[2]) < 8 && data[i + 3] > 200) n++;
            }
            return n;""", SERIES_RGB[0], SERIES_RGB[1], SERIES_RGB[2], chart);
        return ((Number) counted).longValue();
    }

    private static void screenshot(final WebDriver browser, final String name) throws Exception {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
