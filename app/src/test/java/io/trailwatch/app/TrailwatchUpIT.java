package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.app.cli.CallerCredentials;
import io.trailwatch.stack.FreePorts;
import io.trailwatch.stack.S3ProxyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * README's first command, as a user runs it: {@code trailwatch up --demo} in its own JVM. The demo's DeleteBucket
 * call must raise the alarm, health must report ready, and stopping it must leave no process behind.
 */
@ResourceLock(WholeStack.LOCK)
class TrailwatchUpIT {

    @TempDir
    Path dataDir;

    @Test
    void upWithTheDemoRaisesTheAlarmReportsHealthAndStopsCleanly() throws Exception {
        final int[] ports = FreePorts.pick(5);
        // Left readable by others by an earlier version or a wider umask: made owner-only (and private to S3) on start.
        final Path planted = DataDirChecks.plantReadableObject(dataDir);
        final Instant begin = Instant.now();
        final UpProcess up = UpProcess.start("--demo",
            "--data-dir", dataDir.toString(), "--kafka-port", String.valueOf(ports[0]),
            "--registry-port", String.valueOf(ports[1]), "--http-port", String.valueOf(ports[2]),
            "--s3-port", String.valueOf(ports[3]), "--kafka-plain-port", String.valueOf(ports[4]),
            "--digest-interval", "PT5S");
        Throwable primary = null;
        try {
            up.awaitUp(Duration.ofMinutes(3));
            assertThat(up.transcript()).contains("Trailwatch is up").contains(":" + ports[0]).contains("trailwatch.alarms")
                .contains("metric-alarm/S3BucketDeleted")
                .contains("metric-alarm/TrailwatchDeadLetters")
                .contains("librdkafka < 2.6.1       SASL/PLAIN at 127.0.0.1:" + ports[4]);

            // The banner comes once the processors run; a connector's tasks may still be starting on a loaded
            // machine: health is UP within seconds, and if not, the components say which is down.
            final HttpRequest healthRequest = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[2]
                + "/v1/health")).build();
            try {
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> HttpClient.newHttpClient()
                    .send(healthRequest, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            } catch (final org.awaitility.core.ConditionTimeoutException e) {
                // the assertion below says which component is down
            }
            final HttpResponse<String> health = HttpClient.newHttpClient().send(healthRequest,
                HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(() -> health.body() + ", components: " + TestIdentity.send("GET",
                "http://127.0.0.1:" + ports[2] + "/v1/health/components", null, CallerCredentials.resolve("trailwatch",
                    dataDir.resolve("credentials"), Map.of()).credentials()).body()).isEqualTo(200);
            // Anyone may ask, so the answer says UP and nothing more.
            final JsonNode body = new ObjectMapper().readTree(health.body());
            assertThat(body).isEqualTo(new ObjectMapper().readTree("{\"status\":\"UP\"}"));
            // Printed after the banner: awaited, not assumed to be there already.
            up.awaitLine(line -> line.startsWith("Validate the archive:"), Duration.ofSeconds(30));
            assertThat(up.transcript()).contains("Administrator key        created in " + dataDir.resolve("credentials"));
            assertThat(Files.getPosixFilePermissions(dataDir.resolve("credentials")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            // The administrator's key, as the AWS CLI finds it, signs what the CLI asks.
            final CommandLineRunner alarms = CommandLineRunner.run("describe-alarms", "--endpoint",
                "http://127.0.0.1:" + ports[2], "--credentials-file", dataDir.resolve("credentials").toString(),
                "--profile", "trailwatch");
            assertThat(alarms.exitCode()).as(alarms.err()).isZero();
            assertThat(alarms.out()).contains("S3BucketDeleted");
            final HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ports[2] + "/v1/alarms")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(403);

            final String alarm = up.awaitLine(
                line -> line.startsWith("alarm: ") && line.contains("S3BucketDeleted") && line.contains(" -> ALARM"), Duration.ofSeconds(100));
            assertThat(alarm).as(up.transcript()).contains("Threshold Crossed: 1 out of the last 1 datapoints");
            System.out.println("trailwatch up -> first ALARM: " + Duration.between(begin, Instant.now()).toMillis() + " ms");
            // The alarm has no actions: the default topic delivers the transition to its subscriber, the demo webhook.
            final java.util.function.Predicate<String> notified = line -> line.startsWith(
                "notification: webhook received S3BucketDeleted ") && line.contains(" -> ALARM (id ");
            if (up.transcript().lines().noneMatch(notified)) {
                up.awaitLine(notified, Duration.ofSeconds(60));
            }
            // The Connect worker's REST API: nothing for anonymous callers, and no connector secret for anyone.
            ConnectChecks.lockedDown(up.transcript(), dataDir);
            SelfMetricsChecks.seeTheConnectWorker("http://127.0.0.1:" + ports[2], dataDir);
            // No default S3 key: validate-logs is given the one generated in the data directory.
            assertThat(up.transcript()).contains("S3 key                   in " + dataDir.resolve("s3proxy")
                .resolve("credentials"));
            ArchiveChecks.archivedAndValid(dataDir.resolve("s3").resolve("trailwatch-archive"),
                "http://127.0.0.1:" + ports[3], S3ProxyServer.readCredentials(dataDir.resolve("s3proxy")).orElseThrow(),
                begin);
            // Another user of the machine reads nothing: not the bucket (anonymous requests refused), not a file.
            DataDirChecks.privateBucket(dataDir, "http://127.0.0.1:" + ports[3], planted);
            DataDirChecks.ownerOnly(dataDir);
            assertThat(up.transcript()).as("the launcher set umask 077").doesNotContain("warning: the umask");
            // A quiet console: Trailwatch's own lines only, none of a library's (start-up's transients included).
            assertThat(up.transcript().lines().filter(UpProcess.LIBRARY_LINE.asMatchPredicate()))
                .as("library lines on the console").isEmpty();
        } catch (final Throwable failure) {
            primary = failure;
            throw failure;
        } finally {
            try {
                up.stop(Duration.ofSeconds(60));
            } catch (final Throwable stopping) {
                if (primary == null) {
                    throw stopping;
                }
                // Not in place of the first failure, which says what went wrong.
                primary.addSuppressed(stopping);
            }
        }
        assertThat(Files.list(dataDir).map(path -> path.getFileName().toString()).toList())
            .contains("kafka", "registry", "streams", "s3", "archive");
        // Nor after the shutdown wrote its checkpoints.
        assertThat(DataDirChecks.readableByOthers(dataDir)).as("find %s -perm /o+r after stopping", dataDir).isEmpty();
    }
}
