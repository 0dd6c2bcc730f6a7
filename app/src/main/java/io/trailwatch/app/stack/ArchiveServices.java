package io.trailwatch.app.stack;

import io.trailwatch.schemas.Topics;
import io.trailwatch.sinks.archive.ArchiveConnectors;
import io.trailwatch.sinks.archive.digest.SigningKey;
import io.trailwatch.sinks.archive.store.S3ObjectStore;
import io.trailwatch.sinks.archive.store.S3Settings;
import io.trailwatch.schemas.files.OwnerOnlyFiles;
import io.trailwatch.stack.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import io.trailwatch.app.http.HealthCheck;
import io.trailwatch.app.http.HealthChecks;
import io.trailwatch.app.http.HealthReport;

/**
 * The archive of the local stack: object storage (S3Proxy on this machine unless an endpoint is named) and the
 * configurations of the archive connectors for the audit trail and the alarm history, which {@link ConnectorHost}
 * runs. The digest signing key is generated on first start, and so is the local S3Proxy's key (in {@code
 * <data-dir>/s3proxy/credentials}, 0600) unless one is named; the local bucket is private.
 */
public final class ArchiveServices implements AutoCloseable {

    /**
     * What to start.
     *
     * @param dataDir          the stack's data directory: S3Proxy keeps the buckets under {@code s3/}, its
     *                         configuration and generated key under {@code s3proxy/}
     * @param s3               the bucket and how to reach it; with {@code startS3}, the key only, if any (else the
     *                         generated one)
     * @param startS3          start S3Proxy on {@code s3Port} (else use {@code s3} as it is)
     * @param s3Port           port of the local S3Proxy
     * @param signingKey       PEM file of the digest signing key, generated when missing
     * @param digestInterval   period of each digest
     * @param registryUrl      schema registry URL as the Connect worker reaches it
     */
    public record Options(Path dataDir, S3Settings s3, boolean startS3, int s3Port, Path signingKey,
                          Duration digestInterval, String registryUrl) { }

    private final StopSequence stops;
    private final HealthReport health;
    private S3ProxyServer server;
    private List<Map<String, String>> connectors = List.of();
    private S3Settings s3;
    private SigningKey key;
    private Path bucketDir;
    private Path s3CredentialsFile;

    /** Archive services that stop S3Proxy by themselves (a shutdown hook, or {@link #close()}). */
    public ArchiveServices() {
        this(null, null);
    }

    /**
     * Archive services of a stack: S3Proxy stops in the stack's order, after the Connect worker that uploads, and
     * the object store is in the stack's health report.
     */
    public ArchiveServices(final StopSequence stops, final HealthReport health) {
        this.stops = stops;
        this.health = health;
    }

    public ArchiveServices start(final Options options) {
        try {
            final Path keyDir = options.signingKey().toAbsolutePath().getParent();
            if (!Files.isDirectory(keyDir)) {
                OwnerOnlyFiles.directory(keyDir);
            }
            key = SigningKey.generateIfMissing(options.signingKey());
            s3 = options.s3();
            if (options.startS3()) {
                final S3ProxyServer.Builder local = S3ProxyServer.builder().dataDir(options.dataDir().resolve("s3"))
                    .workDir(options.dataDir().resolve("s3proxy")).port(options.s3Port()).bucket(s3.bucket());
                if (s3.accessKeyId() != null) {
                    local.credentials(s3.accessKeyId(), s3.secretAccessKey());
                }
                server = local.ownShutdownHook(stops == null).build();
                if (stops != null) {
                    stops.add(StopSequence.Stage.CHILD_PROCESSES, "S3Proxy", this);
                }
                server.start();
                if (health != null) {
                    final S3ProxyServer running = server;
                    health.add(HealthChecks.supervised("objectStore", running::status, () -> running.answers()
                        ? HealthCheck.Status.up("S3Proxy at " + running.endpoint())
                        : HealthCheck.Status.down("S3Proxy at " + running.endpoint() + " does not answer")));
                }
                s3 = new S3Settings(server.endpoint(), s3.region(), s3.bucket(), server.accessKeyId(),
                    server.secretAccessKey(), true);
                bucketDir = server.dataDir().resolve(s3.bucket());
                s3CredentialsFile = server.credentialsFile();
            } else {
                try (S3ObjectStore store = S3ObjectStore.open(s3)) {
                    store.createBucketIfMissing();
                }
                if (health != null) {
                    final S3Settings remote = s3;
                    health.add(HealthChecks.named("objectStore", () -> {
                        try (S3ObjectStore store = S3ObjectStore.open(remote)) {
                            store.list("", null, 1);
                            return HealthCheck.Status.up("bucket " + remote.bucket() + " listed");
                        }
                    }));
                }
            }
            connectors = List.of(
                ArchiveConnectors.audit(Topics.AUDIT.name(), s3, options.registryUrl(), options.signingKey(),
                    options.digestInterval()),
                ArchiveConnectors.alarms(Topics.ALARMS.name(), s3, options.registryUrl()));
            return this;
        } catch (final RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The archive connectors' configurations, once started. */
    public List<Map<String, String>> connectors() {
        return connectors;
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

    /** Where the local S3Proxy's generated key is; null when the key was named or the archive is elsewhere. */
    public Path s3CredentialsFile() {
        return s3CredentialsFile;
    }

    public String publicKeyFingerprint() {
        return key.fingerprint();
    }

    /** Stops S3: after the Connect worker, which still uploads while it stops. */
    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
