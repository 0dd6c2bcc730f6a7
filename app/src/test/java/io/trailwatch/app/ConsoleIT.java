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
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;

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
            final double age = ago * 10.0;
            final Instant at = minute.minus(Duration.ofMinutes(ago));
            cloudWatch.putMetricData(put -> put.namespace(namespace).metricData(MetricDatum.builder()
                .metricName("Depth").dimensions(queue).timestamp(at).value(depth).build(), MetricDatum.builder()
                .metricName("OldestAge").dimensions(queue).timestamp(at).value(age).build()));
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
        final WebElement row = ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("tr[data-alarm='" + alarm + "'] .state-ALARM")));
        assertThat(row.getText()).isEqualTo("ALARM");
        assertThat(browser.findElement(alarmRow).getText()).contains("<img src=x onerror=\"window.__xss=1\">");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__xss === undefined")).isEqualTo(true);
        screenshot(browser, "alarms");

        browser.get(endpoint + "/console#/overview");
        ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
            By.id("alarms-in-alarm"), alarm));
        ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
            By.id("recent-changes"), alarm));
        ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#component-health tr[data-component='kafka'] .state-OK")));
        assertThat(browser.findElement(By.id("component-health")).getText()).contains("UP").contains("kafka");
        // Every call above is an audit event: once Trailwatch has exported a minute of its own metrics (every
        // minute; the page reads them every half minute), the audit rate is above zero.
        ConsoleBrowser.waiting(browser, Duration.ofSeconds(150)).until(driver -> {
            final Object rate = ((JavascriptExecutor) driver).executeScript("const shown = document.querySelector("
                + "\"[data-topic='trailwatch.audit'] strong\"); return shown && shown.getAttribute('data-rate');");
            return rate != null && !rate.toString().isEmpty() && Double.parseDouble(rate.toString()) > 0;
        });
        assertThat(browser.findElements(By.cssSelector("#ingest-rates [data-topic]"))).hasSize(3);
        assertThat(browser.findElement(By.id("ingest-rates")).getText()).contains("Audit events").contains("/s");
        screenshot(browser, "overview");
        browser.get(endpoint + "/console#/alarms");

        ConsoleBrowser.click(browser, By.cssSelector("tr[data-alarm='" + alarm + "'] a"));
        ConsoleBrowser.waiting(browser, WAIT).until(driver -> driver.findElements(By.cssSelector("#alarm-chart canvas"))
            .size() > 0);
        assertThat(Integer.parseInt(browser.findElement(By.id("alarm-chart")).getAttribute("data-points")))
            .isGreaterThanOrEqualTo(3);
        ConsoleBrowser.waiting(browser, WAIT).until(driver -> seriesPixels(driver, "#alarm-chart") > 50);
        ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
            By.id("alarm-history"), "to ALARM"));
        assertThat(browser.findElement(By.id("alarm-history")).getText()).contains("StateUpdate");
        for (final String control : List.of("set-state", "delete-alarm", "edit-alarm")) {
            assertThat(browser.findElement(By.id(control)).isDisplayed()).as(control + " shown to an administrator")
                .isTrue();
        }
        screenshot(browser, "alarm");

        browser.get(endpoint + "/console#/metrics?namespace=" + namespace);
        ConsoleBrowser.click(browser, By.cssSelector("tr[data-metric='Depth'] a"));
        ConsoleBrowser.waiting(browser, WAIT).until(driver -> seriesPixels(driver, "#metric-chart") > 50);
        assertThat(browser.getCurrentUrl()).contains("metric=Depth").contains("dimension=Queue%3Dorders");
        // A second metric on the same graph: its row's Compare, then both lines drawn, and the link keeps both.
        ConsoleBrowser.click(browser, By.cssSelector("tr[data-metric='OldestAge'] .compare-metric"));
        ConsoleBrowser.waiting(browser, WAIT).until(driver -> "2".equals(driver.findElement(By.id("metric-chart"))
            .getAttribute("data-series")) && seriesPixels(driver, "#metric-chart") > 50);
        assertThat(Integer.parseInt(browser.findElement(By.id("metric-chart")).getAttribute("data-points")))
            .isGreaterThanOrEqualTo(6);
        assertThat(browser.findElement(By.id("compared-metrics")).getText()).contains("OldestAge {Queue=orders}");
        assertThat(browser.getCurrentUrl()).contains("compare=");
        screenshot(browser, "metric");

        browser.get(endpoint + "/console#/events?attribute=EventName&value=PutMetricAlarm");
        final WebElement event = ConsoleBrowser.waiting(browser, WAIT).until(driver -> driver.findElements(
            By.cssSelector("#events tbody tr")).stream().findFirst().orElse(null));
        event.click();
        final WebElement json = ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
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
        ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("tr[data-alarm='" + alarm + "']")));
        assertThat(browser.findElement(By.id("create-alarm")).isDisplayed()).isFalse();
        browser.get(endpoint + "/console#/alarms/" + alarm);
        ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#view h1"),
            alarm));
        ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("set-state")));
        for (final String control : List.of("set-state", "delete-alarm", "edit-alarm", "alarm-form")) {
            assertThat(browser.findElements(By.id(control))).as(control).allSatisfy(found ->
                assertThat(found.isDisplayed()).as(control + " shown to a read-only user").isFalse());
        }

        // The controls are only hidden: forced into view, the write goes to the server, which refuses it.
        ((JavascriptExecutor) browser).executeScript("document.getElementById('set-state').hidden = false;");
        browser.findElement(By.cssSelector("#set-state button")).click();

        final WebElement result = ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions
            .visibilityOfElementLocated(By.cssSelector("#set-state-result .error")));
        assertThat(result.getText()).startsWith("AccessDenied").contains("cloudwatch:SetAlarmState");
        assertThat(cloudWatch.describeAlarms(describe -> describe.alarmNames(alarm)).metricAlarms().get(0)
            .stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);

        aReadOnlyUserSeesNoDashboardWriteControls(browser, namespace);
    }

    /** Dashboards: the list, a dashboard (even from an edit link) and the Metrics page offer no write to a reader. */
    private static void aReadOnlyUserSeesNoDashboardWriteControls(final WebDriver browser, final String namespace) {
        final String dashboard = UniqueNames.of("console-read-dash");
        cloudWatch.putDashboard(put -> put.dashboardName(dashboard).dashboardBody(
            "{\"widgets\":[{\"type\":\"text\",\"x\":0,\"y\":0,\"width\":6,\"height\":3,"
                + "\"properties\":{\"markdown\":\"read only\"}}]}"));
        browser.get(endpoint + "/console#/dashboards");
        ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("tr[data-dashboard='" + dashboard + "']")));
        assertThat(browser.findElement(By.id("create-dashboard")).isDisplayed()).as("create form").isFalse();

        browser.get(endpoint + "/console#/dashboards/" + dashboard + "?edit=1");
        ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
            By.id("dashboard-grid"), "read only"));
        assertThat(browser.findElement(By.id("dashboard-edit")).isDisplayed()).as("edit link").isFalse();
        for (final String control : List.of("dashboard-save", "dashboard-delete", "add-metric-widget",
            "add-text-widget")) {
            assertThat(browser.findElements(By.id(control))).as(control + " offered to a read-only user").isEmpty();
        }
        assertThat(browser.findElements(By.cssSelector("#dashboard-grid .widget-controls"))).isEmpty();

        browser.get(endpoint + "/console#/metrics?namespace=" + namespace + "&metric=Depth");
        ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("add-to-dashboard")));
        assertThat(browser.findElement(By.id("add-to-dashboard")).isDisplayed()).as("add to dashboard").isFalse();

        // Forced into view, a create goes to the server, which refuses it in words.
        browser.get(endpoint + "/console#/dashboards");
        ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("create-dashboard")));
        ((JavascriptExecutor) browser).executeScript("document.getElementById('create-dashboard').hidden = false;");
        type(browser, "new-dashboard-name", dashboard + "-forced");
        browser.findElement(By.cssSelector("#create-dashboard button[type=submit]")).click();
        final WebElement refused = ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions
            .visibilityOfElementLocated(By.cssSelector("#create-dashboard-result .error")));
        assertThat(refused.getText()).contains("AccessDenied").contains("cloudwatch:PutDashboard");
        assertThat(cloudWatch.listDashboards(list -> list.dashboardNamePrefix(dashboard)).dashboardEntries())
            .extracting(entry -> entry.dashboardName()).containsExactly(dashboard);
    }

    @Test
    void anAlarmIsCreatedEditedAndDeletedInFormsThatShowTheApisErrorsNextToTheirField() {
        final String namespace = UniqueNames.of("ConsoleForms");
        final String alarm = UniqueNames.of("ConsoleFormAlarm");
        final Dimension queue = Dimension.builder().name("Queue").value("orders").build();
        final Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        final double[] depths = {10, 40, 10, 40, 40};
        for (int i = 0; i < depths.length; i++) {
            final double depth = depths[i];
            final Instant at = minute.minus(Duration.ofMinutes(depths.length - i));
            cloudWatch.putMetricData(put -> put.namespace(namespace).metricData(MetricDatum.builder()
                .metricName("Depth").dimensions(queue).timestamp(at).value(depth).build()));
        }
        final String cron = "cron(0 " + (java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).getHour() + 12) % 24
            + " * * *)";
        final String muteRule = UniqueNames.of("console-nightly");
        cloudWatch.putAlarmMuteRule(put -> put.name(muteRule).rule(r -> r.schedule(sc -> sc.expression(cron)
            .duration("PT4H"))).muteTargets(targets -> targets.alarmNames(alarm)));

        final WebDriver browser = browser();
        signIn(browser, identity.administrator());
        browser.get(endpoint + "/console#/alarms");
        ConsoleBrowser.click(browser, By.id("create-alarm"));
        final WebElement name = ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
            By.id("alarm-AlarmName")));
        name.sendKeys(alarm);
        type(browser, "alarm-Namespace", namespace);
        type(browser, "alarm-MetricName", "Depth");
        type(browser, "alarm-Dimensions", "Queue=orders");
        type(browser, "alarm-Statistic", "Maximum");
        type(browser, "alarm-Period", "45");
        type(browser, "alarm-Threshold", "25");
        browser.findElement(By.id("alarm-Threshold")).sendKeys(Keys.ENTER); // the keyboard submits the form

        final WebElement periodError = ConsoleBrowser.waiting(browser, WAIT).until(driver -> {
            final WebElement shown = driver.findElement(By.id("alarm-Period-error"));
            return shown.getText().isEmpty() ? null : shown;
        });
        assertThat(periodError.getText()).startsWith("ValidationError: ")
            .endsWith("must be 10, 20, 30 or a multiple of 60 seconds, was 45");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("alarm-Period");
        assertThat(browser.findElement(By.cssSelector("label:has(#alarm-Period)")).getText()).startsWith("Period");
        type(browser, "alarm-Period", "60");
        browser.findElement(By.cssSelector("#alarm-form button[type=submit]")).click();

        ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.urlContains("#/alarms/" + alarm));
        ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#view h1"), alarm));
        ConsoleBrowser.waiting(browser, WAIT).until(driver -> seriesPixels(driver, "#alarm-chart") > 50);
        // Three of the five minutes breach the threshold: their periods are shaded.
        ConsoleBrowser.waiting(browser, WAIT).until(driver -> "3".equals(driver.findElement(By.id("alarm-chart"))
            .getAttribute("data-breaching")));
        ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("mute-rules"),
            muteRule));

        browser.findElement(By.cssSelector("#edit-alarm summary")).click();
        type(browser, "alarm-Threshold", "35");
        browser.findElement(By.cssSelector("#alarm-form button[type=submit]")).click();
        ConsoleBrowser.waiting(browser, WAIT).until(driver -> cloudWatch.describeAlarms(d -> d.alarmNames(alarm))
            .metricAlarms().get(0).threshold() == 35.0);

        browser.get(endpoint + "/console#/alarms?prefix=" + alarm);
        ConsoleBrowser.waiting(browser, WAIT).until(driver -> {
            final List<WebElement> sparkline = driver.findElements(By.cssSelector(
                "tr[data-alarm='" + alarm + "'] canvas.sparkline[data-points]"));
            return !sparkline.isEmpty() && Integer.parseInt(sparkline.get(0).getAttribute("data-points")) >= 5;
        });
        ConsoleBrowser.click(browser, By.cssSelector("tr[data-alarm='" + alarm + "'] a"));
        ConsoleBrowser.click(browser, By.id("delete-alarm"));
        ConsoleBrowser.click(browser, By.id("delete-alarm")); // the second click confirms
        ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.urlMatches("#/alarms$"));
        ConsoleBrowser.waiting(browser, WAIT).until(driver -> cloudWatch.describeAlarms(d -> d.alarmNames(alarm))
            .metricAlarms().isEmpty());
        cloudWatch.deleteAlarmMuteRule(delete -> delete.alarmMuteRuleName(muteRule));
    }

    @Test
    void aStateChangeShowsInTheListAndOnTheAlarmsPageWithinTwoSeconds() {
        final String alarm = UniqueNames.of("ConsoleLive");
        cloudWatch.putMetricAlarm(put -> put.alarmName(alarm).namespace(UniqueNames.of("ConsoleLive"))
            .metricName("Depth").statistic(Statistic.MAXIMUM).period(60).evaluationPeriods(1).threshold(25.0)
            .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
        final WebDriver list = browser();
        signIn(list, identity.administrator());
        list.get(endpoint + "/console#/alarms?prefix=" + alarm);
        ConsoleBrowser.waiting(list, WAIT).until(ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("tr[data-alarm='" + alarm + "'][data-state='INSUFFICIENT_DATA']")));
        final WebDriver page = browser();
        signIn(page, identity.administrator());
        page.get(endpoint + "/console#/alarms/" + alarm);
        ConsoleBrowser.waiting(page, WAIT).until(ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#alarm-header .state-INSUFFICIENT_DATA")));

        for (final StateValue state : List.of(StateValue.ALARM, StateValue.OK)) {
            cloudWatch.setAlarmState(set -> set.alarmName(alarm).stateValue(state).stateReason("live test"));
            final Instant inList = waitFor(list, By.cssSelector("tr[data-alarm='" + alarm + "'][data-state='"
                + state + "']"));
            final Instant onPage = waitFor(page, By.cssSelector("#alarm-header .state-" + state));
            final Instant transition = cloudWatch.describeAlarms(d -> d.alarmNames(alarm)).metricAlarms().get(0)
                .stateUpdatedTimestamp();
            System.out.printf("console live: %s shown %d ms (list) and %d ms (page) after the transition%n", state,
                Duration.between(transition, inList).toMillis(), Duration.between(transition, onPage).toMillis());
            assertThat(Duration.between(transition, inList)).isLessThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(Duration.between(transition, onPage)).isLessThanOrEqualTo(Duration.ofSeconds(2));
        }
    }

    @Test
    void aSharedLinkRestoresThePageAndAPhoneWidthNeedsNoSidewaysScrolling() {
        final WebDriver browser = browser();
        signIn(browser, identity.administrator());
        final String link = endpoint + "/console#/events?attribute=EventName&value=PutMetricAlarm&range=1h";
        browser.get(link);
        ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("events")));
        browser.navigate().refresh();
        ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("events")));
        assertThat(browser.findElement(By.id("lookup-value")).getAttribute("value")).isEqualTo("PutMetricAlarm");
        assertThat(new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("range")))
            .getFirstSelectedOption().getAttribute("value")).isEqualTo("1h");
        // An absolute range survives a reload too, and its times show in UTC once the person asks for UTC.
        browser.get(endpoint + "/console#/events?from=2026-01-02T03:04:00.000Z&to=2026-01-02T05:04:00.000Z");
        ConsoleBrowser.click(browser, By.id("time-zone"));
        ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("time-zone"),
            "UTC"));
        ConsoleBrowser.waiting(browser, WAIT).until(driver -> "2026-01-02T03:04".equals(driver.findElement(
            By.id("range-from")).getAttribute("value")));
        assertThat(browser.findElement(By.id("view")).getText()).contains("No events match in this time range.");
        browser.findElement(By.id("time-zone")).click();

        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        for (final String view : List.of("overview", "alarms", "metrics", "logs", "events")) {
            browser.get(endpoint + "/console#/" + view);
            ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                "#view h1")));
            final Object overflow = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) overflow).longValue()).as(view + " scrolls sideways at 390 px").isLessThanOrEqualTo(0);
        }
    }

    @Test
    void aLogGroupsEventsAreFilteredCountedAndTailedAsText() throws Exception {
        final String group = "/console/" + UniqueNames.of("web");
        final long now = Instant.now().toEpochMilli();
        try (CloudWatchLogsClient logs = AwsClients.logs(endpoint, identity.administrator())) {
            logs.createLogGroup(create -> create.logGroupName(group));
            logs.createLogStream(create -> create.logGroupName(group).logStreamName("web-1"));
            logs.putLogEvents(put -> put.logGroupName(group).logStreamName("web-1").logEvents(
                InputLogEvent.builder().timestamp(now - 120_000).message("GET /orders 200").build(),
                InputLogEvent.builder().timestamp(now - 60_000).message("GET /orders 500 <b>boom</b>").build(),
                InputLogEvent.builder().timestamp(now - 1_000).message("POST /pay 500").build()));
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> logs.filterLogEvents(filter -> filter
                .logGroupName(group)).events().size() == 3);

            final WebDriver browser = browser();
            signIn(browser, identity.administrator());
            browser.get(endpoint + "/console#/logs?group=" + java.net.URLEncoder.encode(group,
                java.nio.charset.StandardCharsets.UTF_8) + "&pattern=500&range=1h");
            final WebElement table = ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions
                .presenceOfElementLocated(By.cssSelector("#log-events[data-count]")));
            assertThat(table.getAttribute("data-count")).isEqualTo("2");
            assertThat(table.getText()).contains("GET /orders 500 <b>boom</b>").contains("POST /pay 500")
                .doesNotContain("GET /orders 200");
            final String counts = browser.findElement(By.id("log-histogram")).getAttribute("data-counts");
            assertThat(java.util.Arrays.stream(counts.split(",")).mapToInt(Integer::parseInt).sum()).isEqualTo(2);
            assertThat(browser.findElement(By.id("log-groups")).getText()).contains(group);
            assertThat(browser.findElement(By.id("log-streams")).getAttribute("textContent")).contains("web-1");
            screenshot(browser, "logs");

            // Live tail of a group whose name holds '/' (the path segment is percent-encoded by the page).
            browser.findElement(By.id("mode-tail")).click();
            ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.urlContains("mode=tail"));
            ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("tail-status"), "Live: new events of " + group));
            final Instant published = Instant.now();
            logs.putLogEvents(put -> put.logGroupName(group).logStreamName("web-1").logEvents(InputLogEvent
                .builder().timestamp(published.toEpochMilli()).message("tail 500 <i>x</i>").build()));
            ConsoleBrowser.waiting(browser, WAIT, Duration.ofMillis(20)).until(ExpectedConditions
                .textToBePresentInElementLocated(By.id("tail-lines"), "tail 500 <i>x</i>"));
            final Duration shown = Duration.between(published, Instant.now());
            Files.writeString(SCREENSHOTS.resolve("tail-latency.txt"), "PutLogEvents to the line on the page: "
                + shown.toMillis() + " ms\n");
            assertThat(shown).as("a tailed event on the page within 2 s").isLessThan(Duration.ofSeconds(2));
            assertThat(browser.findElements(By.cssSelector("#tail-lines b, #tail-lines i"))).as("as text").isEmpty();
        }
    }

    @Test
    void aLogsInsightsQueryShowsItsResultsAsATableAndItsCountsPerBinAsAGraph() throws Exception {
        final String group = "/console/" + UniqueNames.of("insights");
        final long minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        try (CloudWatchLogsClient logs = AwsClients.logs(endpoint, identity.administrator())) {
            logs.createLogGroup(create -> create.logGroupName(group));
            logs.createLogStream(create -> create.logGroupName(group).logStreamName("api-1"));
            logs.putLogEvents(put -> put.logGroupName(group).logStreamName("api-1").logEvents(
                InputLogEvent.builder().timestamp(minute - 120_000 + 1_000).message("GET /a 200").build(),
                InputLogEvent.builder().timestamp(minute - 120_000 + 2_000).message("GET /b 500 <b>x</b>").build(),
                InputLogEvent.builder().timestamp(minute - 60_000 + 1_000).message("GET /c 200").build()));
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> logs.filterLogEvents(filter -> filter
                .logGroupName(group)).events().size() == 3);
        }
        final WebDriver browser = browser();
        signIn(browser, identity.administrator());

        final java.time.format.DateTimeFormatter insightsTime = java.time.format.DateTimeFormatter.ofPattern(
            "yyyy-MM-dd HH:mm:ss.SSS").withZone(java.time.ZoneOffset.UTC);
        openQuery(browser, group, "stats count(*) as hits by bin(1m)");
        final WebElement counts = waitForQueryTable(browser);
        assertThat(counts.getAttribute("data-count")).isEqualTo("2");
        assertThat(counts.findElements(By.cssSelector("thead th"))).extracting(WebElement::getText)
            .containsExactly("bin(1m)", "hits");
        assertThat(counts.findElements(By.cssSelector("tbody tr"))).extracting(row -> row.findElements(
            By.tagName("td")).stream().map(WebElement::getText).toList()).containsExactly(
            List.of(insightsTime.format(Instant.ofEpochMilli(minute - 120_000)), "2"),
            List.of(insightsTime.format(Instant.ofEpochMilli(minute - 60_000)), "1"));
        final WebElement chart = browser.findElement(By.id("log-query-chart"));
        assertThat(chart.getAttribute("data-points")).isEqualTo("2");
        ConsoleBrowser.waiting(browser, WAIT).until(driver -> seriesPixels(driver, "#log-query-chart") > 50);
        assertThat(browser.findElement(By.id("logs-main")).getText()).doesNotContain("null")
            .doesNotContain("Filter pattern");
        screenshot(browser, "logs-insights");

        openQuery(browser, group, "fields @message | filter @message like /500/");
        final WebElement matched = waitForQueryTable(browser);
        assertThat(matched.getAttribute("data-count")).isEqualTo("1");
        assertThat(matched.findElements(By.cssSelector("tbody td"))).extracting(WebElement::getText)
            .containsExactly("GET /b 500 <b>x</b>");
        assertThat(browser.findElement(By.id("log-query-chart")).isDisplayed()).isFalse();

        // The query box keeps the text; a malformed query is explained in words next to it.
        browser.findElement(By.id("log-query")).clear();
        browser.findElement(By.id("log-query")).sendKeys("fields @message | stats count(*) by");
        browser.findElement(By.cssSelector("#log-query-form button[type=submit]")).click();
        final WebElement error = ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
            By.id("log-query-error")));
        assertThat(error.getText()).startsWith("MalformedQueryException: Query is malformed at line 1, column ");
        assertThat(browser.getCurrentUrl()).contains("query=");
    }

    /** Opens the query's shared link afresh (a new page, not a hash change of the old one). */
    private static void openQuery(final WebDriver browser, final String group, final String query) {
        browser.get("about:blank");
        browser.get(endpoint + "/console#/logs?group=" + java.net.URLEncoder.encode(group,
            java.nio.charset.StandardCharsets.UTF_8) + "&mode=query&range=1h&query=" + java.net.URLEncoder.encode(
            query, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private static WebElement waitForQueryTable(final WebDriver browser) {
        return ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#log-query-results[data-count]")));
    }

    @Test
    @ResourceLock(WholeStack.LOCK)
    void theAlarmListStaysResponsiveWithTenThousandAlarms() throws Exception {
        final String prefix = UniqueNames.of("ConsoleScale") + "-";
        final String namespace = UniqueNames.of("ConsoleScale");
        final int alarms = 10_000;
        final java.util.concurrent.ExecutorService puts = java.util.concurrent.Executors.newFixedThreadPool(8);
        final long createStart = System.nanoTime();
        try {
            final List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int i = 0; i < alarms; i++) {
                final String name = prefix + String.format("%05d", i);
                done.add(puts.submit(() -> cloudWatch.putMetricAlarm(put -> put.alarmName(name).namespace(namespace)
                    .metricName("Depth").statistic(Statistic.MAXIMUM).period(60).evaluationPeriods(1)
                    .threshold(25.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD))));
            }
            for (final java.util.concurrent.Future<?> put : done) {
                put.get();
            }
            System.out.printf("console scale: %d alarms put in %d ms%n", alarms,
                Duration.ofNanos(System.nanoTime() - createStart).toMillis());

            final WebDriver browser = browser();
            signIn(browser, identity.administrator());
            final List<Long> firstPages = new ArrayList<>();
            for (int attempt = 0; attempt < 3; attempt++) {
                browser.get(endpoint + "/console#/overview");
                ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("alarm-counts")));
                browser.get(endpoint + "/console#/alarms");
                firstPages.add(renderedMs(browser));
            }
            final WebElement rows = browser.findElement(By.cssSelector("#alarms tbody"));
            assertThat(rows.findElements(By.tagName("tr"))).hasSize(50);
            final List<Long> nextPages = new ArrayList<>();
            for (int page = 0; page < 3; page++) {
                final String first = browser.findElement(By.cssSelector("#alarms tbody tr")).getAttribute("data-alarm");
                ConsoleBrowser.click(browser, By.id("next-page"));
                ConsoleBrowser.waiting(browser, WAIT).until(driver -> !first.equals(driver.findElement(
                    By.cssSelector("#alarms tbody tr")).getAttribute("data-alarm")));
                nextPages.add(renderedMs(browser));
            }
            // The page stays live while 10,000 alarms exist: each refresh asks one page of 50.
            final Object refresh = ((JavascriptExecutor) browser).executeScript("""
                const asks = performance.getEntriesByType('resource').filter(e => e.name.includes('/v1/alarms?'));
                return asks.slice(-10).reduce((sum, e) => sum + e.duration, 0) / Math.min(10, asks.length);""");
            System.out.printf("console scale: first page of the list rendered in %s ms, next pages in %s ms, a "
                + "refresh's DescribeAlarms takes %.0f ms on average, with %d alarms%n", firstPages, nextPages,
                ((Number) refresh).doubleValue(), alarms);
            browser.get(endpoint + "/console#/alarms?prefix=" + prefix + "0999");
            ConsoleBrowser.waiting(browser, WAIT).until(driver -> driver.findElements(By.cssSelector("#alarms tbody tr"))
                .size() == 10);
            // The figures above are the measurement (749-1,868 ms at load 30); the bound only catches a list that
            // describes every alarm again (4.8-13.3 s a page before paging), with room for a loaded CI machine.
            assertThat(firstPages.get(firstPages.size() - 1)).isLessThan(5000);
            assertThat(nextPages).allSatisfy(ms -> assertThat(ms).isLessThan(5000));
        } finally {
            puts.shutdown();
            for (int i = 0; i < alarms; i += 100) {
                final List<String> names = new ArrayList<>();
                for (int j = i; j < Math.min(alarms, i + 100); j++) {
                    names.add(prefix + String.format("%05d", j));
                }
                cloudWatch.deleteAlarms(delete -> delete.alarmNames(names));
            }
        }
    }

    private static long renderedMs(final WebDriver browser) {
        return Long.parseLong(ConsoleBrowser.waiting(browser, WAIT).until(driver -> {
            final Object ms = ((JavascriptExecutor) driver).executeScript(
                "const t = document.getElementById('alarms'); return t && t.getAttribute('data-rendered-ms');");
            return ms == null ? null : ms.toString();
        }));
    }

    @Test
    void aWrongSecretIsRefusedOnTheSignInPage() {
        final WebDriver browser = browser();
        browser.get(endpoint + "/console");
        fillSignIn(browser, new CallerCredentials(identity.administrator().accessKeyId(), "not-the-secret", "test"));
        final WebElement error = ConsoleBrowser.waiting(browser, WAIT).until(driver -> {
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
        ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
    }

    private static void fillSignIn(final WebDriver browser, final CallerCredentials who) {
        ConsoleBrowser.waiting(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
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

    private static void type(final WebDriver browser, final String id, final String text) {
        final WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    /** When the element appeared, looked for every 50 ms. */
    private static Instant waitFor(final WebDriver browser, final By element) {
        ConsoleBrowser.waiting(browser, WAIT, Duration.ofMillis(50)).until(ExpectedConditions.presenceOfElementLocated(
            element));
        return Instant.now();
    }

    private static void screenshot(final WebDriver browser, final String name) throws Exception {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
