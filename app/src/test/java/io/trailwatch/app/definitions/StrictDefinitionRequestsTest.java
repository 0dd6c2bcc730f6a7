package io.trailwatch.app.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.app.http.InMemoryConfigStore;
import io.trailwatch.app.http.InProcessApi;
import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.definitions.ConfigFile;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metric filter and rule routes read their requests strictly. Served in-process over an empty in-memory config
 * store: the invalid requests here are answered before anything is written or created.
 */
class StrictDefinitionRequestsTest {

    private static InProcessApi api;

    @BeforeAll
    static void start() {
        final DefinitionStore store = new DefinitionStore(InMemoryConfigStore::new, null);
        api = InProcessApi.start(new MetricFilterRoutes(new MetricFilters(store)),
            new RuleRoutes(new Rules(store, null), new RuleJson("123456789012", "us-east-1")));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static void assertRejected(final InProcessApi.Answer answer, final String field, final String reason) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.field()).as(answer.text()).isEqualTo(field);
        assertThat(answer.message()).contains(reason);
    }

    private static String filter(final String transformation) {
        return "{\"filterPattern\": \"ERROR\", \"metricTransformations\": [{\"metricName\": \"Errors\", "
            + "\"metricNamespace\": \"App\", " + transformation + "}]}";
    }

    @Test
    void putMetricFilterRejectsWrongTypesUnknownFieldsAndValuesCloudWatchWouldNotTake() {
        assertRejected(api.send("PUT", "/v1/metric-filters/Errors", filter("\"metricValue\": 1")),
            "metricTransformations[0].metricValue", "must be a string");
        assertRejected(api.send("PUT", "/v1/metric-filters/Errors", filter("\"metricValue\": \"NaN\"")),
            "MetricTransformations[0].MetricValue", "must be a decimal number");
        assertRejected(api.send("PUT", "/v1/metric-filters/Errors", filter("\"metricValue\": \"1e400\"")),
            "MetricTransformations[0].MetricValue", "must be a finite number");
        assertRejected(api.send("PUT", "/v1/metric-filters/Errors", filter("\"metricValue\": \"1\", "
            + "\"defaultValue\": 1e400")), "metricTransformations[0].defaultValue", "must be a finite number");
        assertRejected(api.send("PUT", "/v1/metric-filters/Errors", filter("\"metricValue\": \"1\", "
            + "\"defaultValue\": 3e108")), "MetricTransformations[0].DefaultValue", "-2^360 to 2^360");
        assertRejected(api.send("PUT", "/v1/metric-filters/Errors", filter("\"metricValue\": \"1\", "
            + "\"defaultValue\": \"0\"")), "metricTransformations[0].defaultValue", "must be a number");
        assertRejected(api.send("PUT", "/v1/metric-filters/Errors", filter("\"metricValue\": \"1\", \"dimension\": {}")),
            "metricTransformations[0].dimension", "is not a field of a metric transformation");
        assertRejected(api.send("PUT", "/v1/metric-filters/Errors", filter("\"metricValue\": \"1\"")
            .replace("{\"filterPattern\"", "{\"filterPatern\": \"x\", \"filterPattern\"")), "filterPatern",
            "is not a field of a metric filter");
        assertRejected(api.send("PUT", "/v1/metric-filters/Errors", filter("\"metricValue\": \"1\"") + " {}"),
            "(body)", "nothing after it");
        assertRejected(api.send("PUT", "/v1/metric-filters/Errors?logGroupName=g", filter("\"metricValue\": \"1\"")),
            "logGroupName", "not a parameter");
    }

    @Test
    void testMetricFilterTakesItsTwoFieldsOnlyWithTheirTypes() {
        final String path = "/v1/metric-filters/test";

        final InProcessApi.Answer ok = api.send("POST", path,
            "{\"filterPattern\": \"ERROR\", \"logEventMessages\": [\"ERROR x\", \"fine\"]}");
        assertThat(ok.status()).as(ok.text()).isEqualTo(200);
        assertThat(ok.json().path("matches")).hasSize(1);
        assertRejected(api.send("POST", path, "{\"filterPattern\": \"ERROR\", \"logEventMessages\": [\"a\"], "
            + "\"logGroupName\": \"g\"}"), "logGroupName", "is not a field of a TestMetricFilter request");
        assertRejected(api.send("POST", path, "{\"filterPattern\": \"ERROR\", \"logEventMessages\": [\"a\", 7]}"),
            "logEventMessages[1]", "must be a string");
        assertRejected(api.send("POST", path, "{\"filterPattern\": \"ERROR\", \"logEventMessages\": \"a\"}"),
            "logEventMessages", "must be a list");
        assertRejected(api.send("POST", path, "{\"filterPattern\": 5, \"logEventMessages\": [\"a\"]}"),
            "filterPattern", "must be a string");
        assertRejected(api.send("POST", path, "{\"filterPattern\": \"a\", \"filterPattern\": \"b\", "
            + "\"logEventMessages\": [\"a\"]}"), "filterPattern", "given twice");
        assertRejected(api.send("POST", path, "{\"filterPattern\": \"ERROR\", \"logEventMessages\": [\"a\"]} x"),
            "(body)", "not valid JSON");
    }

    @Test
    void putRuleRejectsWrongTypesAndUnknownFields() {
        final String valid = "\"EventPattern\": {\"source\": [\"aws.s3\"]}, \"TargetTopic\": \"t\"";

        assertRejected(api.send("PUT", "/v1/rules/R", "{\"EventPattern\": 5, \"TargetTopic\": \"t\"}"),
            "EventPattern", "must be a string or an object");
        assertRejected(api.send("PUT", "/v1/rules/R", "{" + valid + ", \"State\": 1}"), "State", "must be a string");
        assertRejected(api.send("PUT", "/v1/rules/R", "{" + valid + ", \"RoleArn\": \"r\"}"), "RoleArn",
            "is not a field of a rule");
        assertRejected(api.send("PUT", "/v1/rules/R", "{" + valid + ", \"Name\": [\"R\"]}"), "Name",
            "must be a string");
    }

    @Test
    void getAndDeleteRoutesRejectUnknownParameters() {
        assertRejected(api.get("/v1/metric-filters?logGroupname=g"), "logGroupname", "is not a parameter");
        assertRejected(api.get("/v1/metric-filters/Errors?filterNamePrefix=E"), "filterNamePrefix",
            "is not a parameter");
        assertRejected(api.send("DELETE", "/v1/metric-filters/Errors?logGroup=g", null), "logGroup",
            "is not a parameter");
        assertRejected(api.get("/v1/rules?prefix=R"), "prefix", "is not a parameter");
        assertRejected(api.get("/v1/rules/R?EventBusName=default"), "EventBusName", "takes no query parameters");
        assertRejected(api.send("DELETE", "/v1/rules/R?Force=true", null), "Force", "takes no query parameters");
        assertThat(api.get("/v1/metric-filters?logGroupName=g&filterNamePrefix=E&metricName=m&metricNamespace=n")
            .status()).isEqualTo(200);
        assertThat(api.get("/v1/rules?namePrefix=R").status()).isEqualTo(200);
    }

    /** The demo's definitions, loaded by {@code trailwatch up --demo} and {@code trailwatch demo}, are still valid. */
    @Test
    void theDemoConfigurationIsAccepted() throws Exception {
        try (InputStream in = StrictDefinitionRequestsTest.class.getResourceAsStream(
            "/io/trailwatch/app/demo/trailwatch-demo.yaml")) {
            final List<DefinitionEntry> entries = ConfigFile.parse(in, "demo config");

            assertThat(entries).extracting(DefinitionEntry::key)
                .containsExactly("metric-filter/DeleteBucket", "metric-alarm/S3BucketDeleted",
                    "metric-alarm/TrailwatchDeadLetters");
        }
    }
}
