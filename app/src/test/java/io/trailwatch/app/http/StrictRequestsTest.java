package io.trailwatch.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.processors.config.DefinitionShapes;
import io.trailwatch.processors.metrics.MetricIdentity;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Request bodies and query strings are read strictly: what is not exactly the API's is a 400 naming it. */
class StrictRequestsTest {

    private static ApiErrors.BadRequest badRequest(final Runnable call) {
        final ApiErrors.BadRequest e = catchThrowableOfType(ApiErrors.BadRequest.class, call::run);
        assertThat(e).as("a 400").isNotNull();
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"Threshold\": 1} x", "{\"Threshold\": 1}{}", "{\"Threshold\": 1} {\"Threshold\": 2}",
        "{\"Threshold\": 1}]", "{\"a\": 1} // comment"})
    void anythingAfterTheBodysObjectIsRejected(final String body) {
        final ApiErrors.BadRequest e = badRequest(() -> RequestBodies.object(body));

        assertThat(e.field()).isEqualTo("(body)");
    }

    @Test
    void whitespaceAfterTheBodyIsFine() {
        assertThat(RequestBodies.object("{\"Threshold\": 1}\n  \r\n").get("Threshold").intValue()).isEqualTo(1);
        assertThat(RequestBodies.object("  ")).isEmpty();
    }

    @Test
    void aKeyGivenTwiceIsRejectedNamingIt() {
        assertThat(badRequest(() -> RequestBodies.object("{\"Threshold\": 1, \"Threshold\": 2}")).field())
            .isEqualTo("Threshold");
        assertThat(badRequest(() -> RequestBodies.object(
            "{\"Rule\": {\"Schedule\": {\"Expression\": \"at(2026-01-01T00:00)\", \"Expression\": \"x\"}}}")).field())
            .isEqualTo("Rule.Schedule.Expression");
        assertThat(badRequest(() -> RequestBodies.object(
            "{\"MetricTransformations\": [{\"MetricName\": \"a\"}, {\"MetricName\": \"b\", \"MetricName\": \"c\"}]}"))
            .field()).isEqualTo("MetricTransformations[1].MetricName");
        assertThat(badRequest(() -> RequestBodies.parse("StateReasonData", "{\"a\": 1, \"a\": 2}")).field())
            .isEqualTo("StateReasonData.a");
    }

    @Test
    void aBodyThatIsNotAnObjectIsRejected() {
        assertThat(badRequest(() -> RequestBodies.object("[1]")).getMessage()).contains("must be a JSON object");
        assertThat(badRequest(() -> RequestBodies.object("null")).field()).isEqualTo("(body)");
        assertThat(badRequest(() -> RequestBodies.object("{\"a\": NaN}")).field()).isEqualTo("(body)");
    }

    @Test
    void textAndListFieldsAreNotCoerced() {
        final ObjectNode body = RequestBodies.object("{\"stateValue\": 1, \"Messages\": [\"a\", 2], \"One\": \"x\"}");

        assertThat(badRequest(() -> RequestBodies.text(body, "StateValue")).field()).isEqualTo("stateValue");
        assertThat(badRequest(() -> RequestBodies.strings(body, "messages")).field()).isEqualTo("Messages[1]");
        assertThat(badRequest(() -> RequestBodies.strings(body, "One")).getMessage()).contains("must be a list");
        assertThat(RequestBodies.text(body, "one")).isEqualTo("x");
    }

    @Test
    void theNameInTheBodyMustBeTheSameStringAsThePathsOnce() {
        assertThat(badRequest(() -> RequestBodies.withName(RequestBodies.object("{\"AlarmName\": 123}"), "AlarmName",
            "123")).getMessage()).contains("must be a string");
        assertThat(badRequest(() -> RequestBodies.withName(RequestBodies.object(
            "{\"AlarmName\": \"a\", \"alarmName\": \"a\"}"), "AlarmName", "a")).getMessage()).contains("given twice");
        assertThat(badRequest(() -> RequestBodies.withName(RequestBodies.object("{\"alarmname\": \"b\"}"), "AlarmName",
            "a")).getMessage()).contains("differs from the name in the path");
        assertThat(RequestBodies.withName(RequestBodies.object("{\"alarmname\": \"a\"}"), "AlarmName", "a").toString())
            .isEqualTo("{\"AlarmName\":\"a\"}");
    }

    @Test
    void aBodyCheckedAgainstItsFieldsRejectsOthers() {
        final DefinitionShapes.Shape shape = DefinitionShapes.object("a test request",
            DefinitionShapes.optional("Name", DefinitionShapes.STRING));

        final InvalidRecordException e = catchThrowableOfType(InvalidRecordException.class,
            () -> RequestBodies.object("{\"name\": \"x\", \"Extra\": true}", shape));

        assertThat(e.field()).isEqualTo("Extra");
        assertThat(RequestBodies.object("{\"NAME\": \"x\"}", shape).size()).isEqualTo(1);
    }

    @Test
    void unknownQueryParametersAreRejectedNamingThem() {
        final Map<String, List<String>> params = new TreeMap<>(Map.of("namespace", List.of("App"),
            "metricname", List.of("Latency")));

        final ApiErrors.BadRequest e = badRequest(() -> QueryString.allowOnly(params, Set.of("namespace", "metricName")));

        assertThat(e.field()).isEqualTo("metricname");
        assertThat(e.getMessage()).contains("metricName", "namespace");
        assertThat(badRequest(() -> QueryString.allowOnly(Map.of("=x", List.of()), Set.of())).field()).isEqualTo("=x");
        assertThat(badRequest(() -> QueryString.allowOnly(Map.of("", List.of("x")), Set.of("a"))).field())
            .isEqualTo("(empty name)");
    }

    @Test
    void knownParametersAndAStrayAmpersandAreAccepted() {
        assertThatCode(() -> QueryString.allowOnly(Map.of("namespace", List.of("App"), "", List.of()),
            Set.of("namespace"))).doesNotThrowAnyException();
        assertThatCode(() -> QueryString.allowOnly(Map.of("", List.of("", "")), Set.of())).doesNotThrowAnyException();
        // A presigned URL's query-string authentication, which the access control checks before any route.
        assertThatCode(() -> QueryString.allowOnly(Map.of("X-Amz-Algorithm", List.of("AWS4-HMAC-SHA256"),
            "X-Amz-Credential", List.of("c"), "X-Amz-Date", List.of("d"), "X-Amz-SignedHeaders", List.of("host"),
            "X-Amz-Signature", List.of("s"), "X-Amz-Expires", List.of("60")), Set.of())).doesNotThrowAnyException();
        assertThat(badRequest(() -> QueryString.allowOnly(Map.of("X-Amz-Security-Token", List.of("t")), Set.of()))
            .field()).isEqualTo("X-Amz-Security-Token");
    }

    @Test
    void aListMetricsNextTokenMustBeAMetricKey() {
        final String key = new MetricIdentity("App", "Latency", new TreeMap<>(Map.of("Host", "web-1")), "Seconds").key();

        assertThat(MetricRoutes.nextToken(key)).isEqualTo(key);
        assertThat(MetricRoutes.nextToken(null)).isNull();
        assertThat(badRequest(() -> MetricRoutes.nextToken("garbage")).field()).isEqualTo("nextToken");
        assertThat(badRequest(() -> MetricRoutes.nextToken("a|b|c|no-pair")).getMessage()).contains("cannot be decoded");
    }

    /** Over HTTP: the metric routes refuse unknown parameters and bad tokens before asking any store. */
    @Test
    void theMetricRoutesRefuseUnknownParametersAndBadTokens() {
        try (InProcessApi api = InProcessApi.start(new MetricRoutes(null))) {
            final InProcessApi.Answer typo = api.get("/v1/metrics?namespace=App&metric_name=Latency");
            final InProcessApi.Answer pascal = api.get("/v1/metrics/statistics?Namespace=App&metricName=M"
                + "&startTime=2026-11-21T10:00:00Z&endTime=2026-11-21T11:00:00Z&period=60&statistics=Sum");
            final InProcessApi.Answer token = api.get("/v1/metrics?namespace=App&nextToken=garbage");

            assertThat(typo.status()).isEqualTo(400);
            assertThat(typo.field()).isEqualTo("metric_name");
            assertThat(pascal.status()).isEqualTo(400);
            assertThat(pascal.field()).isEqualTo("Namespace");
            assertThat(token.status()).isEqualTo(400);
            assertThat(token.field()).isEqualTo("nextToken");
        }
    }
}
