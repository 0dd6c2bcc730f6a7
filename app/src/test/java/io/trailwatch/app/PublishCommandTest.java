package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees when the input to {@code trailwatch publish audit} is wrong (exit code 2, and why), or when Kafka or
 * the registry cannot be reached (exit code 1, within seconds): one line naming the record and the problem, never a
 * stack trace.
 */
class PublishCommandTest {

    /** Nothing listens here: the command must reject bad input before it ever connects. */
    private static final String[] NOWHERE = {"--bootstrap-servers", "127.0.0.1:1", "--schema-registry-url", "http://127.0.0.1:1"};

    @TempDir
    Path dir;

    private CommandLineRunner publish(final String content) throws Exception {
        return publish(content.getBytes(StandardCharsets.UTF_8), NOWHERE);
    }

    private CommandLineRunner publish(final byte[] content, final String... connection) throws Exception {
        final Path file = dir.resolve("records.json");
        Files.write(file, content);
        final String[] args = new String[connection.length + 3];
        args[0] = "publish";
        args[1] = "audit";
        args[2] = file.toString();
        System.arraycopy(connection, 0, args, 3, connection.length);
        return CommandLineRunner.run(args);
    }

    /** A valid record with this eventID, eventTime and extra fields (JSON members, with a leading comma). */
    private static String record(final String id, final Object time, final String extra) {
        return """
            {"eventVersion": "1.08", "eventID": "%s", "eventTime": "%s", "eventSource": "s3.amazonaws.com",
             "eventName": "ListBuckets", "awsRegion": "eu-west-1", "sourceIPAddress": "198.51.100.1",
             "userIdentity": {"type": "IAMUser"}%s}""".formatted(id, time, extra);
    }

    /** One line, and no trace of an exception: the user sees a message, not Java. */
    private static void assertOneLineNoStackTrace(final CommandLineRunner result) {
        assertThat(result.err().strip().lines()).as(result.err()).hasSize(1);
        assertThat(result.err()).doesNotContain("Exception", "\tat ", "Caused by");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void invalidJsonIsAUsageErrorNamingWhere() throws Exception {
        final CommandLineRunner result = publish("{\"Records\": [ {\"eventName\": }");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("not valid JSON at line 1");
    }

    @Test
    void aRecordMissingARequiredFieldIsNamedWithTheField() throws Exception {
        final CommandLineRunner result = publish("""
            {"Records": [
              {"eventVersion": "1.08", "eventID": "ok-1", "eventTime": "2026-11-21T10:00:00Z",
               "eventSource": "s3.amazonaws.com", "eventName": "ListBuckets", "awsRegion": "eu-west-1",
               "sourceIPAddress": "198.51.100.1", "userIdentity": {"type": "IAMUser"}},
              {"eventVersion": "1.08", "eventID": "bad-2", "eventTime": "2026-11-21T10:00:00Z",
               "eventSource": "s3.amazonaws.com", "awsRegion": "eu-west-1",
               "sourceIPAddress": "198.51.100.1", "userIdentity": {"type": "IAMUser"}}
            ]}""");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("record 2 of 2 (eventID bad-2): field 'eventName': is required; nothing was published");
    }

    @Test
    void inputThatIsNotUtf8IsAUsageErrorNamingTheRecordAndTheByte() throws Exception {
        final String second = record("bad-2", "2026-11-21T10:00:00Z", ", \"userAgent\": \"caf");
        final ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(("[" + record("ok-1", "2026-11-21T10:00:00Z", "") + ",\n"
            + second.substring(0, second.length() - 1)).getBytes(StandardCharsets.UTF_8));
        final int badByte = content.size();
        content.write(0xE9); // é in Latin-1: not UTF-8
        content.writeBytes("\"}]".getBytes(StandardCharsets.UTF_8));

        final CommandLineRunner result = publish(content.toByteArray(), NOWHERE);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("record 2 of 2: not valid UTF-8 at byte " + badByte + " (line 6, column ",
            "the byte 0xe9", "nothing was published");
        assertOneLineNoStackTrace(result);
    }

    @Test
    void aRecordOverCloudTrailsSizeLimitIsAUsageErrorSayingTheSizeAndTheLimit() throws Exception {
        final String big = ", \"requestParameters\": {\"policy\": \"" + "x".repeat(300_000) + "\"}";

        final CommandLineRunner result = publish("{\"Records\": [" + record("ok-1", "2026-11-21T10:00:00Z", "") + ", "
            + record("big-2", "2026-11-21T10:00:00Z", big) + "]}");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).containsPattern("record 2 of 2 \\(eventID big-2\\): the record is 300\\d{3} bytes as "
            + "CloudTrail JSON, over CloudTrail's limit of 256 KB \\(262144 bytes\\) for one event; nothing was published");
        assertOneLineNoStackTrace(result);
    }

    @Test
    void anEventTimeBefore1970IsAUsageError() throws Exception {
        final CommandLineRunner result = publish(record("old-1", "1969-12-31T23:59:59Z", ""));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("record 1 of 1 (eventID old-1): eventTime 1969-12-31T23:59:59Z is before "
            + "1970-01-01T00:00:00Z: too far in the past; nothing was published");
        assertOneLineNoStackTrace(result);
    }

    @Test
    void anEventTimeMoreThanAnHourAheadIsAUsageError() throws Exception {
        final Instant ahead = Instant.now().plus(Duration.ofMinutes(61)).truncatedTo(ChronoUnit.SECONDS);

        final CommandLineRunner result = publish("[" + record("ok-1", "2026-11-21T10:00:00Z", "") + ", "
            + record("future-2", ahead, "") + ", " + record("future-3", ahead.plus(Duration.ofDays(1)), "") + "]");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("record 2 of 3 (eventID future-2): eventTime " + ahead
            + " is more than 1 hour in the future (now is ", "nothing was published (1 more invalid record)");
        assertOneLineNoStackTrace(result);
    }

    @Test
    void controlCharactersOfTheInputAreEscapedInTheMessage() throws Exception {
        final CommandLineRunner result = publish(record("id\\u001b[2J\\nforged", "2026-11-21T10:00:00Z", "")
            .replace("\"eventName\": \"ListBuckets\",", ""));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("(eventID id\\u001b[2J\\nforged): field 'eventName': is required");
        assertOneLineNoStackTrace(result);
    }

    @Test
    void anUnreachableRegistryFailsWithExitCode1() throws Exception {
        final String anHourAhead = Instant.now().plus(Duration.ofMinutes(59)).toString();

        final CommandLineRunner result = publish(record("ahead-1", anHourAhead, "").getBytes(StandardCharsets.UTF_8),
            NOWHERE);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("cannot reach the schema registry at http://127.0.0.1:1",
            "nothing was published");
        assertOneLineNoStackTrace(result);
    }

    @Test
    void anUnreachableBrokerFailsWithExitCode1WithinSeconds() throws Exception {
        final int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        final HttpServer registry = fakeRegistry();
        try {
            final byte[] content = record("e-1", "2026-11-21T10:00:00Z", "").getBytes(StandardCharsets.UTF_8);
            final long start = System.nanoTime();

            final CompletableFuture<CommandLineRunner> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return publish(content, "--bootstrap-servers", "127.0.0.1:" + closedPort,
                        "--schema-registry-url", "http://127.0.0.1:" + registry.getAddress().getPort());
                } catch (final Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            assertThat(run).succeedsWithin(Duration.ofSeconds(20));
            final CommandLineRunner result = run.join();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("cannot reach Kafka at 127.0.0.1:" + closedPort, "nothing was published");
            assertOneLineNoStackTrace(result);
        } finally {
            registry.stop(0);
        }
    }

    /** Answers registrations as a Confluent-compatible registry does: every schema gets id 1. */
    private static HttpServer fakeRegistry() throws IOException {
        final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", (HttpExchange exchange) -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                final byte[] body = "{\"id\": 1}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        return server;
    }

    @Test
    void anEmptyLogFilePublishesNothingWithoutConnecting() throws Exception {
        final CommandLineRunner result = publish("{\"Records\": []}");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("published 0 audit events to trailwatch.audit" + System.lineSeparator());
    }

    @Test
    void aMissingFileIsAUsageError() {
        final CommandLineRunner result = CommandLineRunner.run("publish", "audit", dir.resolve("absent.json").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("no such file");
    }

    @Test
    void everyCommandHasHelp() {
        for (final String[] command : new String[][] {{"--help"}, {"up", "--help"}, {"demo", "--help"},
            {"publish", "--help"}, {"publish", "audit", "--help"}, {"tail", "--help"}, {"tail", "alarms", "--help"}}) {
            final CommandLineRunner result = CommandLineRunner.run(command);
            assertThat(result.exitCode()).as(String.join(" ", command)).isZero();
            assertThat(result.out()).as(String.join(" ", command)).contains("Usage: trailwatch");
        }
    }
}
