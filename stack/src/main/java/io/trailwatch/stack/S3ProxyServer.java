package io.trailwatch.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real S3 API on this machine: S3Proxy as a child process, with its filesystem backend (one directory per
 * bucket, one file per object, so the archive can be opened with a file browser) and AWS signature v2/v4 auth.
 *
 * <pre>{@code
 * try (S3ProxyServer s3 = S3ProxyServer.builder().dataDir(dir).bucket("archive").build().start()) {
 *     String endpoint = s3.endpoint(); // http://127.0.0.1:<port>, path-style, s3.accessKeyId()/secretAccessKey()
 * }
 * }</pre>
 */
public final class S3ProxyServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3ProxyServer.class);
    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String HOST = "127.0.0.1";
    public static final String DEFAULT_ACCESS_KEY_ID = "trailwatch";
    public static final String DEFAULT_SECRET_ACCESS_KEY = "trailwatch-secret";

    private final Path dataDir;
    private final Path workDir;
    private final int requestedPort;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final List<String> buckets;
    private final Duration startupTimeout;
    private ChildJvm child;
    private int port;

    private S3ProxyServer(final Builder builder) {
        this.dataDir = builder.dataDir.toAbsolutePath().normalize();
        this.workDir = builder.workDir != null ? builder.workDir.toAbsolutePath().normalize()
            : this.dataDir.resolveSibling(this.dataDir.getFileName() + "-server");
        this.requestedPort = builder.port;
        this.accessKeyId = builder.accessKeyId;
        this.secretAccessKey = builder.secretAccessKey;
        this.buckets = List.copyOf(builder.buckets);
        this.startupTimeout = builder.startupTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts S3Proxy and returns once it answers HTTP. */
    public synchronized S3ProxyServer start() {
        final long startedAt = System.nanoTime();
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(workDir);
            // The filesystem backend keeps a bucket as a directory: creating it creates the bucket.
            for (final String bucket : buckets) {
                Files.createDirectories(dataDir.resolve(bucket));
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot create S3Proxy directories under " + dataDir, e);
        }
        port = requestedPort == 0 ? FreePorts.pick() : requestedPort;
        if (requestedPort != 0 && !FreePorts.isFree(port)) {
            // Checked up front: another S3 server already on the port (MinIO, a stack left running) would answer
            // the readiness probe.
            throw new IllegalStateException("cannot start S3Proxy: port " + port + " on " + HOST + " is in use");
        }
        final Path properties = workDir.resolve("s3proxy.properties");
        writeProperties(properties);
        child = new ChildJvm("S3Proxy", List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-DLOG_LEVEL=warn"), List.of("-jar", ChildJvm.builtPath("s3proxy.jar", "S3Proxy").toString(), "--properties",
            properties.toString()), workDir.resolve("s3proxy.log"));
        child.start();
        try {
            child.awaitReady(this::answers, startupTimeout);
        } catch (final RuntimeException e) {
            child.close();
            throw e;
        }
        LOG.info("S3Proxy ready at {} (buckets in {}) in {} ms", endpoint(), dataDir,
            (System.nanoTime() - startedAt) / 1_000_000);
        return this;
    }

    /** {@code http://127.0.0.1:<port>}; use path-style requests. */
    public String endpoint() {
        return "http://" + HOST + ":" + port;
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String secretAccessKey() {
        return secretAccessKey;
    }

    /** The directory holding one directory per bucket. */
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() {
        if (child != null) {
            child.close();
            child = null;
        }
    }

    private void writeProperties(final Path file) {
        final Map<String, String> props = new LinkedHashMap<>();
        props.put("s3proxy.endpoint", endpoint());
        props.put("s3proxy.authorization", "aws-v2-or-v4");
        props.put("s3proxy.identity", accessKeyId);
        props.put("s3proxy.credential", secretAccessKey);
        props.put("s3proxy.ignore-unknown-headers", "true");
        props.put("jclouds.provider", "filesystem-nio2");
        props.put("jclouds.filesystem.basedir", dataDir.toString());
        final List<String> lines = new ArrayList<>();
        props.forEach((name, value) -> lines.add(name + "=" + value));
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private boolean answers() {
        try {
            // Anonymous requests are refused: any answer means S3Proxy is serving.
            PROBE.send(HttpRequest.newBuilder(URI.create(endpoint() + "/")).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (final IOException notYet) {
            return false;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Configuration of an {@link S3ProxyServer}. */
    public static final class Builder {

        private Path dataDir;
        private Path workDir;
        private int port;
        private String accessKeyId = DEFAULT_ACCESS_KEY_ID;
        private String secretAccessKey = DEFAULT_SECRET_ACCESS_KEY;
        private final List<String> buckets = new ArrayList<>();
        private Duration startupTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        /** Required: where buckets and objects are kept. */
        public Builder dataDir(final Path dir) {
            this.dataDir = Objects.requireNonNull(dir, "dataDir");
            return this;
        }

        /** Where the properties and log of S3Proxy go (default: a sibling of the data directory). */
        public Builder workDir(final Path dir) {
            this.workDir = Objects.requireNonNull(dir, "workDir");
            return this;
        }

        /** Port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(final int port) {
            this.port = port;
            return this;
        }

        public Builder credentials(final String accessKeyId, final String secretAccessKey) {
            this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
            this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
            return this;
        }

        /** A bucket to create at start unless it exists. */
        public Builder bucket(final String name) {
            buckets.add(Objects.requireNonNull(name, "bucket"));
            return this;
        }

        public Builder startupTimeout(final Duration timeout) {
            this.startupTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public S3ProxyServer build() {
            if (dataDir == null) {
                throw new IllegalStateException("dataDir is required");
            }
            return new S3ProxyServer(this);
        }
    }
}
