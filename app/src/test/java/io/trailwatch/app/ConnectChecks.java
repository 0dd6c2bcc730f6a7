package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What an outsider and the owner find at the Kafka Connect worker of {@code trailwatch up} (issue 15). */
final class ConnectChecks {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BANNER = Pattern.compile(
        "Kafka Connect REST API +(http://127\\.0\\.0\\.1:\\d+) \\(user (\\S+), password in (\\S+)\\)");

    private ConnectChecks() {
    }

    /**
     * The worker's REST API, as the banner names it, answers nobody without the credentials kept owner-only in the
     * data directory: no connector is created anonymously, no config is read; with them, the archive's S3 secret is
     * a {@code ${file:...}} reference to an owner-only file. (The demo's webhook is the default notification topic's
     * subscriber, not a connector: the notifier connector's secrets are checked by WebhookSinkIT.)
     */
    static void lockedDown(final CharSequence transcript, final Path dataDir) throws IOException, InterruptedException {
        final Matcher banner = BANNER.matcher(transcript);
        assertThat(banner.find()).as("the Connect line of the banner in:\n" + transcript).isTrue();
        final String url = banner.group(1);
        final Path connectDir = dataDir.resolve("connect");
        assertThat(Path.of(banner.group(3))).isEqualTo(connectDir.resolve("rest-users.properties"));
        final Properties users = new Properties();
        try (Reader in = Files.newBufferedReader(connectDir.resolve("rest-users.properties"))) {
            users.load(in);
        }
        final String password = users.getProperty(banner.group(2));
        assertThat(password).isNotBlank();
        final String owner = "Basic " + Base64.getEncoder().encodeToString((banner.group(2) + ":" + password)
            .getBytes(StandardCharsets.UTF_8));

        final String copy = "{\"name\":\"copy-of-the-trail\",\"config\":{\"connector.class\":"
            + "\"io.trailwatch.sinks.archive.ArchiveSinkConnector\",\"topics\":\"trailwatch.audit\"}}";
        assertThat(call(url, "POST", "/connectors", copy, null).statusCode()).isEqualTo(401);
        assertThat(call(url, "GET", "/connectors/trailwatch-archive-audit/config", null, null).statusCode())
            .isEqualTo(401);
        // Nor the worker's own metrics, which Trailwatch's /metrics reads there with the credentials.
        assertThat(call(url, "GET", "/trailwatch/metrics", null, null).statusCode()).isEqualTo(401);
        final HttpResponse<String> connectors = call(url, "GET", "/connectors", null, owner);
        assertThat(connectors.statusCode()).isEqualTo(200);
        assertThat(connectors.body()).contains("trailwatch-archive-audit").doesNotContain("copy-of-the-trail");

        final Path secretsFile = connectDir.resolve("connector-secrets.properties");
        final Properties secrets = new Properties();
        try (Reader in = Files.newBufferedReader(secretsFile)) {
            secrets.load(in);
        }
        final String s3Secret = secrets.getProperty("trailwatch-archive-audit.s3.secret.access.key");
        assertThat(s3Secret).isNotBlank();
        final HttpResponse<String> archive = call(url, "GET", "/connectors/trailwatch-archive-audit/config", null, owner);
        assertThat(archive.statusCode()).isEqualTo(200);
        assertThat(archive.body()).doesNotContain(s3Secret);
        assertThat(JSON.readTree(archive.body()).path("s3.secret.access.key").asText()).isEqualTo("${file:"
            + secretsFile + ":trailwatch-archive-audit.s3.secret.access.key}");

        for (final String file : List.of("rest-users.properties", "rest-jaas.conf", "connector-secrets.properties",
            "worker.properties", "connector-0.properties")) {
            assertThat(Files.getPosixFilePermissions(connectDir.resolve(file))).as(file)
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static HttpResponse<String> call(final String url, final String method, final String path,
                                             final String body, final String authorization)
        throws IOException, InterruptedException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
