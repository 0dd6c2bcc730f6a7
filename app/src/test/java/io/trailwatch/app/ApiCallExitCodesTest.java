package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every command that calls the HTTP API reports its answer the same way, whichever family it belongs to: a
 * refused request (any 4xx) is exit code 2 with AWS's error line, a server that cannot answer is 1.
 */
class ApiCallExitCodesTest {

    private final AtomicReference<Answer> next = new AtomicReference<>();
    private final AtomicReference<String> asked = new AtomicReference<>();
    private HttpServer server;
    private String endpoint;

    private record Answer(int status, String body) {
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            asked.set(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            final byte[] body = next.get().body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(next.get().status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void aRefusedRequestIsExitCode2InEveryCommandFamily() {
        next.set(new Answer(404, "{\"error\":\"ResourceNotFoundException\",\"message\":\"no metric filter 'f'\"}"));
        final CommandLineRunner filter = CommandLineRunner.run("delete-metric-filter", "--log-group-name", "g",
            "--filter-name", "f", "--endpoint", endpoint);
        next.set(new Answer(404, "{\"error\":\"ResourceNotFound\",\"message\":\"no alarm 'a'\"}"));
        final CommandLineRunner alarm = CommandLineRunner.run("set-alarm-state", "--alarm-name", "a",
            "--state-value", "OK", "--state-reason", "r", "--endpoint", endpoint);

        assertThat(filter.exitCode()).isEqualTo(2);
        assertThat(filter.err()).contains("An error occurred (ResourceNotFoundException) when calling the "
            + "DeleteMetricFilter operation: no metric filter 'f'");
        assertThat(alarm.exitCode()).isEqualTo(2);
        assertThat(alarm.err()).contains("An error occurred (ResourceNotFound) when calling the SetAlarmState "
            + "operation: no alarm 'a'");
    }

    @Test
    void anInvalidParameterIsNamedByTheOptionThatSetIt() {
        next.set(new Answer(400, "{\"error\":\"InvalidParameterValue\",\"field\":\"maxResults\","
            + "\"message\":\"must be a whole number from 1 to 50: 0\"}"));
        final CommandLineRunner lookup = CommandLineRunner.run("lookup-events", "--max-results", "0",
            "--endpoint", endpoint);

        assertThat(asked.get()).isEqualTo("GET /v1/events?maxResults=0");
        assertThat(lookup.exitCode()).isEqualTo(2);
        assertThat(lookup.err()).contains("LookupEvents operation: --max-results: must be a whole number from 1 to 50");
    }

    @Test
    void anUnknownLookupAttributeIsRejectedBeforeAnyCall() {
        next.set(new Answer(200, "{\"Events\":[]}"));
        final CommandLineRunner lookup = CommandLineRunner.run("lookup-events", "--lookup-attributes",
            "AttributeKey=Eventname,AttributeValue=DeleteBucket", "--endpoint", endpoint);

        assertThat(lookup.exitCode()).isEqualTo(2);
        assertThat(lookup.err()).contains("--lookup-attributes: unknown AttributeKey 'Eventname'; one of EventId,");
        assertThat(asked.get()).as("nothing was sent").isNull();
    }

    @Test
    void namesAndValuesAreEncodedInTheQuery() {
        next.set(new Answer(200, "{\"Events\":[]}"));
        final CommandLineRunner lookup = CommandLineRunner.run("lookup-events", "--lookup-attributes",
            "AttributeKey=ResourceName,AttributeValue=a&b=c", "--endpoint", endpoint);

        assertThat(lookup.exitCode()).as(lookup.err()).isZero();
        assertThat(asked.get()).isEqualTo("GET /v1/events?ResourceName=a%26b%3Dc");
    }

    @Test
    void aServerErrorIsExitCode1AndAnAnswerIsPrintedAsTheAwsCliPrintsIt() {
        next.set(new Answer(503, "{\"error\":\"ServiceUnavailable\",\"message\":\"the event history is not ready\"}"));
        final CommandLineRunner unavailable = CommandLineRunner.run("list-metrics", "--endpoint", endpoint);
        next.set(new Answer(200, "{\"Metrics\":[{\"Namespace\":\"Security\"}]}"));
        final CommandLineRunner listed = CommandLineRunner.run("list-metrics", "--endpoint", endpoint);

        assertThat(unavailable.exitCode()).isEqualTo(1);
        assertThat(unavailable.err()).contains("(ServiceUnavailable)", "the event history is not ready");
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.out()).contains("{\n    \"Metrics\" : [\n        {\n            \"Namespace\" : \"Security\"");
    }
}
