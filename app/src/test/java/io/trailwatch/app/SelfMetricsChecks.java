package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.app.cli.CallerCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/** What Trailwatch's own metrics say of the stack {@code trailwatch up --demo} runs (its Connect worker included). */
final class SelfMetricsChecks {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private SelfMetricsChecks() {
    }

    /**
     * Scraped with the administrator's key as HTTP Basic, {@code /metrics} sees the connectors in the Connect
     * worker's JVM from the broker: the archive's consumer lag and its age, the notification the demo's webhook
     * received.
     */
    static void seeTheConnectWorker(final String endpoint, final Path dataDir) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            final HttpResponse<String> scraped = scrape(endpoint, dataDir);
            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(scraped.body())
                .contains("trailwatch_consumer_lag_records{group=\"connect-trailwatch-archive-audit\"")
                .contains("trailwatch_archive_lag_seconds{connector=\"trailwatch-archive-audit\"}")
                .containsPattern("(?m)^trailwatch_notifications_delivered_total [1-9]");
        });
    }

    /** {@code GET /metrics} with the administrator's key (created in the data directory) as HTTP Basic. */
    static HttpResponse<String> scrape(final String endpoint, final Path dataDir)
        throws IOException, InterruptedException {
        final CallerCredentials administrator = CallerCredentials.resolve("trailwatch", dataDir.resolve("credentials"),
            Map.of()).credentials();
        final String basic = "Basic " + Base64.getEncoder().encodeToString((administrator.accessKeyId() + ":"
            + administrator.secretAccessKey()).getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + "/metrics")).header("Authorization", basic)
            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Debian's {@code promtool check metrics} finds nothing to say of the exposition. */
    static void promtoolAccepts(final String exposition) throws Exception {
        final ExternalClient promtool = ExternalClient.run(Duration.ofSeconds(30), Map.of(), exposition,
            List.of("promtool", "check", "metrics"));
        assertThat(promtool.exitCode()).as(promtool.output()).isZero();
    }
}
