package io.trailwatch.app.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.schemas.Topics;
import io.trailwatch.sinks.archive.ArchiveConnectors;
import io.trailwatch.sinks.archive.digest.SigningKey;
import io.trailwatch.sinks.archive.store.S3ObjectStore;
import io.trailwatch.sinks.archive.store.S3Settings;
import io.trailwatch.stack.ConnectWorker;
import io.trailwatch.stack.S3ProxyServer;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive of the local stack: object storage (S3Proxy on this machine unless an endpoint is named) and Kafka
 * Connect (a standalone worker as a child JVM unless a Connect cluster is named) running the archive connectors for
 * the audit trail and the alarm history. The digest signing key is generated on first start.
 */
public final class ArchiveServices implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveServices.class);
    /** System property naming the directory of Connect plugins, overriding the one beside the app's jar. */
    public static final String PLUGIN_PATH_PROPERTY = "trailwatch.connect.plugin.path";

    /**
     * What to start.
     *
     * @param dataDir          the stack's data directory: S3Proxy keeps the buckets under {@code s3/}
     * @param s3               the bucket and how to reach it; a null endpoint with {@code startS3} starts S3Proxy
     * @param startS3          start S3Proxy on {@code s3Port} (else use {@code s3} as it is)
     * @param s3Port           port of the local S3Proxy
     * @param connectUrl       an existing Connect cluster's REST URL to register the connectors with, or null
     * @param signingKey       PEM file of the digest signing key, generated when missing
     * @param digestInterval   period of each digest
     * @param bootstrapServers Kafka, for the local worker
     * @param registryUrl      schema registry URL as the Connect worker reaches it
     */
    public record Options(Path dataDir, S3Settings s3, boolean startS3, int s3Port, String connectUrl,
                          Path signingKey, Duration digestInterval, String bootstrapServers, String registryUrl) { }

    private S3ProxyServer server;
    private ConnectWorker worker;
    private S3Settings s3;
    private SigningKey key;
    private Path bucketDir;

    public ArchiveServices start(final Options options) {
        try {
            key = SigningKey.generateIfMissing(options.signingKey());
            s3 = options.s3();
            if (options.startS3()) {
                final S3ProxyServer.Builder local = S3ProxyServer.builder().dataDir(options.dataDir().resolve("s3"))
                    .workDir(options.dataDir().resolve("s3proxy")).port(options.s3Port()).bucket(s3.bucket());
                if (s3.accessKeyId() != null) {
                    local.credentials(s3.accessKeyId(), s3.secretAccessKey());
                }
                server = local.build();
                server.start();
                s3 = new S3Settings(server.endpoint(), s3.region(), s3.bucket(), server.accessKeyId(),
                    server.secretAccessKey(), true);
                bucketDir = server.dataDir().resolve(s3.bucket());
            } else {
                try (S3ObjectStore store = S3ObjectStore.open(s3)) {
                    store.createBucketIfMissing();
                }
            }
            final List<Map<String, String>> connectors = List.of(
                ArchiveConnectors.audit(Topics.AUDIT.name(), s3, options.registryUrl(), options.signingKey(),
                    options.digestInterval()),
                ArchiveConnectors.alarms(Topics.ALARMS.name(), s3, options.registryUrl()));
            if (options.connectUrl() == null) {
                startWorker(options, connectors);
            } else {
                connectors.forEach(config -> register(options.connectUrl(), config));
            }
            return this;
        } catch (final RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startWorker(final Options options, final List<Map<String, String>> connectors) {
        final ConnectWorker.Builder builder = ConnectWorker.builder().bootstrapServers(options.bootstrapServers())
            .workDir(options.dataDir().resolve("connect")).pluginPath(pluginPath());
        connectors.forEach(builder::connector);
        worker = builder.build();
        worker.start();
        for (final Map<String, String> connector : connectors) {
            worker.awaitRunning(connector.get("name"), Duration.ofMinutes(2));
        }
    }

    /** Creates or updates a connector through Connect's REST API ({@code PUT /connectors/<name>/config}). */
    private static void register(final String connectUrl, final Map<String, String> config) {
        final String name = config.get("name");
        try {
            final HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    new URI(connectUrl.replaceAll("/+$", "") + "/connectors/" + name + "/config"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(config)))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("Kafka Connect at " + connectUrl + " refused connector " + name + ": HTTP "
                    + response.statusCode() + " " + response.body());
            }
            LOG.info("Connector {} registered with Kafka Connect at {}", name, connectUrl);
        } catch (final IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot register connector " + name + " with Kafka Connect at " + connectUrl
                + ": " + e.getMessage(), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted registering connector " + name, e);
        }
    }

    /**
     * The Connect plugin directory: system property {@value #PLUGIN_PATH_PROPERTY}, else {@code connect-plugins}
     * beside the app's jar (or its classes directory), where the app's build unpacks the connector.
     */
    static Path pluginPath() {
        final String property = System.getProperty(PLUGIN_PATH_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        try {
            final Path code = Path.of(ArchiveServices.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            final Path plugins = code.getParent().resolve("connect-plugins");
            if (Files.isDirectory(plugins)) {
                return plugins;
            }
            throw new IllegalStateException("no Connect plugin directory at " + plugins + ": build the app module "
                + "(mvn -pl app -am package) or set system property " + PLUGIN_PATH_PROPERTY);
        } catch (final URISyntaxException e) {
            throw new IllegalStateException("cannot locate the app's code", e);
        }
    }

    /** The S3 endpoint the archive is at (null for AWS S3). */
    public String s3Endpoint() {
        return s3.endpoint();
    }

    public String bucket() {
        return s3.bucket();
    }

    /** Where the local S3Proxy keeps the bucket's files, or null when the archive is elsewhere. */
    public Path bucketDir() {
        return bucketDir;
    }

    public String publicKeyFingerprint() {
        return key.fingerprint();
    }

    /** Stops the worker, then S3 (a worker stopping still uploads). */
    @Override
    public void close() {
        if (worker != null) {
            worker.close();
            worker = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
