package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.testkit.UniqueNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * The console's Dashboards page in a real browser (Debian's headless Chromium): a person creates a dashboard, adds a
 * metric widget and sees its line drawn, adds a Markdown text widget (shown as text, never as HTML), saves it (the
 * same JSON GetDashboard then answers), adds a graph of the Metrics page to a dashboard and is told in words what is wrong with a body CloudWatch would refuse; a body
 * from AWS's documentation imports unchanged and every widget of it, and of every other type, renders. The time a
 * dashboard of 12 metric widgets over 3 hours at 1-minute periods takes from navigation to drawn is measured.
 */
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ)
class DashboardConsoleIT {

    // Generous: on a loaded CI machine a widget's first request may meet a store that is moving (503) and be drawn
    // at the next refresh, 5 s later.
    private static final Duration WAIT = Duration.ofSeconds(90);
    /**
     * For datapoints put minutes in the past to be drawn: they take the aggregator's late path. In CI, with ITs
     * running beside it, this wait once outlasted 90 s while the instance's stream thread was fenced twice (a
     * transaction past its timeout) and its tasks moved; alone it takes seconds.
     */
    private static final Duration DATA_WAIT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    /** The first series colour of dashboards.js (#0969da). */
    private static final int[] SERIES_RGB = {9, 105, 218};

    private static String endpoint;
    private static TestIdentity identity;
    private static CloudWatchClient cloudWatch;
    private static ConsoleBrowser console;

    @BeforeAll
    static void start() throws Exception {
        endpoint = RunningTrailwatch.get().endpoint();
        identity = TestIdentity.get();
        cloudWatch = AwsClients.cloudWatch(endpoint, identity.administrator());
        Files.createDirectories(SCREENSHOTS);
        console = ConsoleBrowser.signedIn(endpoint, identity.administrator());
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
        if (cloudWatch != null) {
            cloudWatch.close();
        }
    }

    /** A minute's datapoint of the metric for each of the last {@code minutes} minutes. */
    private static void putMinutes(final String namespace, final String metric, final Dimension dimension,
                                   final int minutes) {
        final Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        final List<MetricDatum> data = new ArrayList<>();
        for (int ago = minutes; ago >= 1; ago--) {
            data.add(MetricDatum.builder().metricName(metric).dimensions(dimension)
                .timestamp(now.minus(Duration.ofMinutes(ago))).value(20 + 10 * Math.sin(ago / 7.0)).build());
        }
        for (int from = 0; from < data.size(); from += 500) {
            final List<MetricDatum> batch = data.subList(from, Math.min(data.size(), from + 500));
            cloudWatch.putMetricData(put -> put.namespace(namespace).metricData(batch));
        }
    }

    private static WebDriver browser() {
        return console.driver();
    }

    private static WebElement await(final By by) {
        return ConsoleBrowser.waiting(browser(), WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private static void type(final String id, final String text) {
        final WebElement field = browser().findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static void setValue(final String id, final String text) {
        ((JavascriptExecutor) browser()).executeScript("document.getElementById(arguments[0]).value = arguments[1];",
            id, text);
    }

    @Test
    void aDashboardIsCreatedWithAMetricWidgetWhoseLineIsDrawnAndSavedAsCloudWatchJson() throws Exception {
        final String namespace = UniqueNames.of("DashConsole");
        final Dimension queue = Dimension.builder().name("Queue").value("orders").build();
        putMinutes(namespace, "Depth", queue, 10);
        final String name = UniqueNames.of("console-dash");

        browser().get(endpoint + "/console#/dashboards");
        await(By.id("new-dashboard-name")).sendKeys(name);
        browser().findElement(By.cssSelector("#create-dashboard button[type=submit]")).click();
        ConsoleBrowser.waiting(browser(), WAIT).until(ExpectedConditions.urlContains("#/dashboards/" + name));
        await(By.id("dashboard-edit")).click();
        await(By.id("add-metric-widget"));
        type("widget-namespace", namespace);
        type("widget-metric", "Depth");
        type("widget-dimensions", "Queue=orders");
        new Select(browser().findElement(By.id("widget-stat"))).selectByValue("Maximum");
        browser().findElement(By.cssSelector("#add-metric-widget button[type=submit]")).click();
        final By widget = By.cssSelector("[data-widget-type=metric]");
        ConsoleBrowser.waiting(browser(), WAIT).until(driver -> driver.findElements(By.cssSelector(
            "[data-widget-type=metric] canvas")).size() > 0);
        assertThat(Integer.parseInt(browser().findElement(widget).getAttribute("data-points")))
            .isGreaterThanOrEqualTo(5);
        ConsoleBrowser.waiting(browser(), WAIT).until(driver -> console.pixelsOf("[data-widget-type=metric]",
            SERIES_RGB) > 50);

        setValue("widget-markdown", "# Orders\nThe queue **must** stay short. <img src=x onerror=\"window.__xss=1\">\n"
            + "- [runbook](https://example.com/runbook)\n- [bad](javascript:alert(1))");
        browser().findElement(By.cssSelector("#add-text-widget button[type=submit]")).click();
        final WebElement text = await(By.cssSelector("[data-widget-type=text] .markdown"));
        assertThat(text.findElement(By.tagName("h1")).getText()).isEqualTo("Orders");
        assertThat(text.findElement(By.tagName("strong")).getText()).isEqualTo("must");
        assertThat(text.getText()).contains("<img src=x onerror=\"window.__xss=1\">");
        assertThat(text.findElements(By.tagName("img"))).isEmpty();
        assertThat(text.findElements(By.cssSelector("a[href^='javascript']"))).isEmpty();
        assertThat(text.findElement(By.cssSelector("a[href='https://example.com/runbook']")).getText())
            .isEqualTo("runbook");
        assertThat(((JavascriptExecutor) browser()).executeScript("return window.__xss === undefined")).isEqualTo(true);

        ((JavascriptExecutor) browser()).executeScript("const height = document.querySelector("
            + "\"[data-widget-index='0'] input[data-key=height]\"); height.value = '8';"
            + "height.dispatchEvent(new Event('change'));");
        browser().findElement(By.id("dashboard-save")).click();
        await(By.cssSelector("#dashboard-messages .saved"));
        final JsonNode saved = JSON.readTree(cloudWatch.getDashboard(get -> get.dashboardName(name)).dashboardBody());
        final JsonNode metric = saved.path("widgets").get(0);
        assertThat(metric.path("type").asText()).isEqualTo("metric");
        assertThat(metric.path("height").asInt()).isEqualTo(8);
        assertThat(metric.path("properties").path("metrics").get(0).toString())
            .isEqualTo("[\"" + namespace + "\",\"Depth\",\"Queue\",\"orders\"]");
        assertThat(metric.path("properties").path("stat").asText()).isEqualTo("Maximum");
        assertThat(saved.path("widgets").get(1).path("properties").path("markdown").asText()).startsWith("# Orders");

        browser().get(endpoint + "/console#/dashboards/" + name);
        ConsoleBrowser.waiting(browser(), WAIT).until(driver -> console.pixelsOf("[data-widget-type=metric]",
            SERIES_RGB) > 50);
        console.screenshot(SCREENSHOTS.resolve("dashboard.png"));

        final String fromMetrics = UniqueNames.of("console-added");
        browser().get(endpoint + "/console#/metrics?namespace=" + namespace + "&metric=Depth&dimension=Queue%3Dorders"
            + "&stat=Sum&period=60");
        await(By.id("add-to-dashboard-name")).sendKeys(fromMetrics);
        browser().findElement(By.cssSelector("#add-to-dashboard button[type=submit]")).click();
        await(By.cssSelector("#add-to-dashboard-result a")).click();
        ConsoleBrowser.waiting(browser(), WAIT).until(driver -> console.pixelsOf("[data-widget-type=metric]",
            SERIES_RGB) > 50);
        final JsonNode added = JSON.readTree(cloudWatch.getDashboard(get -> get.dashboardName(fromMetrics))
            .dashboardBody()).path("widgets").get(0).path("properties");
        assertThat(added.path("metrics").get(0).toString())
            .isEqualTo("[\"" + namespace + "\",\"Depth\",\"Queue\",\"orders\"]");
        assertThat(added.path("stat").asText()).isEqualTo("Sum");
    }

    @Test
    void aBodyCloudWatchWouldRefuseIsExplainedInWordsAndNotSaved() {
        final String name = UniqueNames.of("console-bad");
        cloudWatch.putDashboard(put -> put.dashboardName(name).dashboardBody("{\"widgets\":[]}"));
        browser().get(endpoint + "/console#/dashboards/" + name + "?edit=1");
        await(By.cssSelector("#dashboard-editor details summary")).click();
        setValue("dashboard-body", "{\"widgets\":[{\"type\":\"text\",\"x\":30,\"properties\":{}}]}");
        browser().findElement(By.cssSelector("#dashboard-editor details button")).click();
        browser().findElement(By.id("dashboard-save")).click();
        final WebElement messages = await(By.cssSelector("#dashboard-messages .validation-messages"));
        assertThat(messages.getText()).contains("/widgets/0/x Should be <= 23")
            .contains("/widgets/0/properties Should have required property 'markdown'");
        assertThat(cloudWatch.getDashboard(get -> get.dashboardName(name)).dashboardBody())
            .isEqualTo("{\"widgets\":[]}");
    }

    @Test
    void aCloudWatchBodyFromAwsDocumentationImportsUnchangedAndEveryWidgetTypeRenders() throws Exception {
        final String imported = UniqueNames.of("console-import");
        browser().get(endpoint + "/console#/dashboards");
        await(By.id("new-dashboard-name")).sendKeys(imported);
        setValue("new-dashboard-body", DashboardsIT.awsDocumentationBody());
        browser().findElement(By.cssSelector("#create-dashboard button[type=submit]")).click();
        ConsoleBrowser.waiting(browser(), WAIT).until(driver -> driver.findElements(By.cssSelector(
            "#dashboard-grid [data-rendered=true]")).size() == 2);
        assertThat(browser().findElement(By.cssSelector("[data-widget-type=text]")).getText()).contains("Hello world");
        assertThat(browser().findElement(By.cssSelector("[data-widget-type=metric] h2")).getText())
            .isEqualTo("EC2 Instance CPU");
        assertThat(cloudWatch.getDashboard(get -> get.dashboardName(imported)).dashboardBody())
            .isEqualTo(DashboardsIT.awsDocumentationBody());

        final String namespace = UniqueNames.of("DashViews");
        final Dimension host = Dimension.builder().name("Host").value("a").build();
        putMinutes(namespace, "Load", host, 10);
        putMinutes(namespace, "Load", Dimension.builder().name("Host").value("b").build(), 10);
        final String alarm = UniqueNames.of("DashAlarm");
        cloudWatch.putMetricAlarm(put -> put.alarmName(alarm).namespace(namespace).metricName("Load")
            .dimensions(host).statistic(Statistic.MAXIMUM).period(60).evaluationPeriods(1).threshold(1.0)
            .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).treatMissingData("ignore"));
        cloudWatch.setAlarmState(set -> set.alarmName(alarm).stateValue(StateValue.ALARM).stateReason("drill"));
        final String everyType = UniqueNames.of("console-views");
        final String metrics = "[[\"" + namespace + "\",\"Load\",\"Host\",\"a\"],[\"...\",\"b\"]]";
        final String region = ",\"region\":\"us-east-1\"";
        final String body = "{\"start\":\"-PT1H\",\"widgets\":["
            + "{\"type\":\"metric\",\"x\":0,\"y\":0,\"width\":12,\"height\":6,\"properties\":{\"view\":\"timeSeries\","
            + "\"stacked\":true,\"stat\":\"Maximum\",\"period\":60,\"metrics\":" + metrics + region + "}},"
            + "{\"type\":\"metric\",\"x\":12,\"y\":0,\"width\":6,\"height\":3,\"properties\":{\"view\":\"singleValue\","
            + "\"period\":60,\"metrics\":" + metrics + region + "}},"
            + "{\"type\":\"metric\",\"x\":18,\"y\":0,\"width\":6,\"height\":6,\"properties\":{\"view\":\"gauge\","
            + "\"period\":60,\"yAxis\":{\"left\":{\"min\":0,\"max\":40}},\"metrics\":" + metrics + region + "}},"
            + "{\"type\":\"metric\",\"x\":12,\"y\":3,\"width\":6,\"height\":3,\"properties\":{\"view\":\"pie\","
            + "\"period\":60,\"metrics\":" + metrics + region + "}},"
            + "{\"type\":\"alarm\",\"x\":0,\"y\":6,\"width\":12,\"height\":3,\"properties\":{\"alarms\":"
            + "[\"arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + alarm + "\"]}},"
            + "{\"type\":\"log\",\"x\":12,\"y\":6,\"width\":12,\"height\":3,\"properties\":{\"query\":"
            + "\"SOURCE 'trailwatch/audit' | fields @timestamp, @message | limit 20\"" + region + "}}]}";
        cloudWatch.putDashboard(put -> put.dashboardName(everyType).dashboardBody(body));
        browser().get(endpoint + "/console#/dashboards/" + everyType);
        ConsoleBrowser.waiting(browser(), WAIT).until(driver -> driver.findElements(By.cssSelector(
            "#dashboard-grid [data-rendered=true]")).size() == 6);
        // The datapoints just put are aggregated asynchronously: until then the widget says it has none, and its
        // refresh (every 5 s) draws them.
        ConsoleBrowser.waiting(browser(), DATA_WAIT).until(driver -> !driver.findElements(By.cssSelector(
            "[data-widget-index='0'] canvas")).isEmpty());
        assertThat(browser().findElements(By.cssSelector("[data-widget-index='1'] .single-value"))).hasSize(2);
        assertThat(browser().findElements(By.cssSelector("[data-widget-index='2'] .gauge"))).hasSize(2);
        assertThat(browser().findElements(By.cssSelector("[data-widget-index='3'] .pie"))).hasSize(1);
        // SetAlarmState reaches the alarm's task asynchronously; the widget's refresh (every 5 s) shows it.
        ConsoleBrowser.waiting(browser(), WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("[data-widget-index='4'] li[data-alarm='" + alarm + "'] .state-ALARM"), "ALARM"));
        assertThat(browser().findElement(By.cssSelector("[data-widget-index='5']")).getText())
            .contains("SOURCE 'trailwatch/audit'");
        console.screenshot(SCREENSHOTS.resolve("dashboard-widget-types.png"));
    }

    /**
     * 12 metric widgets, each a metric with a datapoint a minute for 3 hours: the time from the navigation to the
     * dashboard to every widget drawn (performance marks of dashboards.js), median of five, written to
     * target/console-screenshots/dashboard-performance.txt.
     */
    @Test
    void aDashboardOfTwelveMetricWidgetsOverThreeHoursIsDrawnInUnderASecond() throws Exception {
        final String namespace = UniqueNames.of("DashPerf");
        final ObjectNode body = JSON.createObjectNode().put("start", "-PT3H").put("periodOverride", "inherit");
        final ArrayNode widgets = body.putArray("widgets");
        for (int i = 0; i < 12; i++) {
            putMinutes(namespace, "Latency", Dimension.builder().name("Service").value("s" + i).build(), 180);
            final ObjectNode properties = widgets.addObject().put("type", "metric").put("x", (i % 3) * 8)
                .put("y", (i / 3) * 6).put("width", 8).put("height", 6).putObject("properties");
            properties.put("region", "us-east-1").put("stat", "Average").put("period", 60).put("title", "s" + i);
            properties.putArray("metrics").addArray().add(namespace).add("Latency").add("Service").add("s" + i);
        }
        final String name = UniqueNames.of("console-perf");
        cloudWatch.putDashboard(put -> put.dashboardName(name).dashboardBody(body.toString()));
        // Every series' datapoints are aggregated before the dashboard is measured (a store moving meanwhile answers
        // 503, asked again).
        Awaitility.await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> IntStream.range(0, 12)
            .allMatch(i -> cloudWatch.getMetricStatistics(get -> get.namespace(namespace).metricName("Latency")
                .dimensions(Dimension.builder().name("Service").value("s" + i).build())
                .startTime(Instant.now().minus(Duration.ofHours(3))).endTime(Instant.now()).period(60)
                .statistics(Statistic.AVERAGE)).datapoints().size() >= 170));

        browser().get(endpoint + "/console#/dashboards");
        await(By.id("dashboards"));
        final List<Long> timings = new ArrayList<>();
        final List<String> failedFirstPasses = new ArrayList<>();
        // A widget whose data request failed (e.g. a store briefly unavailable while a rebalance moves it, on a
        // loaded CI machine) shows the error in words and is drawn again at the next refresh: such a pass is reported
        // and not timed, and the run is repeated, at most three times over.
        for (int run = 0; timings.size() < 5 && run < 8; run++) {
            ((JavascriptExecutor) browser()).executeScript("location.hash = '#/dashboards'");
            await(By.id("dashboards"));
            ((JavascriptExecutor) browser()).executeScript("window.__navigated = performance.now();"
                + "location.hash = arguments[0];", "#/dashboards/" + name);
            final WebElement grid = ConsoleBrowser.waiting(browser(), WAIT).until(driver -> driver.findElements(
                By.cssSelector("#dashboard-grid[data-drawn-ms]")).stream().findFirst().orElse(null));
            final long sinceNavigation = ((Number) ((JavascriptExecutor) browser()).executeScript(
                "return Math.round(performance.now() - window.__navigated)")).longValue();
            final List<WebElement> failed = browser().findElements(By.cssSelector("[data-rendered=error]"));
            if (!failed.isEmpty()) {
                failedFirstPasses.add(failed.size() + " widget(s): " + failed.get(0).getText());
                continue;
            }
            assertThat(browser().findElements(By.cssSelector("#dashboard-grid canvas"))).hasSize(12);
            for (final WebElement widget : browser().findElements(By.cssSelector("[data-widget-type=metric]"))) {
                assertThat(Integer.parseInt(widget.getAttribute("data-points"))).isGreaterThanOrEqualTo(170);
            }
            timings.add(Math.max(sinceNavigation, Long.parseLong(grid.getAttribute("data-drawn-ms"))));
        }
        assertThat(timings).as("passes drawn in full; failed first passes: " + failedFirstPasses).hasSize(5);
        final List<Long> sorted = timings.stream().sorted().toList();
        final String report = "12 metric widgets x 180 datapoints, navigation to drawn (ms): " + timings
            + ", median " + sorted.get(2) + (failedFirstPasses.isEmpty() ? "" : "; passes with a failed request, "
            + "not timed: " + failedFirstPasses);
        System.out.println(report);
        Files.writeString(SCREENSHOTS.resolve("dashboard-performance.txt"), report + "\n");
        console.screenshot(SCREENSHOTS.resolve("dashboard-12-widgets.png"));
        // The target is under 1 s (reported above); the bound leaves room for a CI machine shared with other builds.
        assertThat(sorted.get(2)).as(report).isLessThan(2000);
    }
}
