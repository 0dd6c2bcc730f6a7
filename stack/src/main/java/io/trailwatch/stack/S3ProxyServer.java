package io.trailwatch.stack;

import io.trailwatch.schemas.files.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real S3 API on this machine: S3Proxy as a child process, with its filesystem backend (one directory per
 * bucket, one file per object, so the archive can be opened with a file browser) and AWS signature v2/v4 auth.
 *
 * <p>Nothing is public. The key is the builder's, else the one generated on the first start into {@code
 * <workDir>/credentials} (0600, an AWS shared-credentials file, profile {@code default}) and read from there on
 * later starts. The filesystem backend answers anonymous requests for a bucket whose directory others may read,
 * and for an object whose file others may read, as public-read: so the buckets' directory, every bucket and every
 * object are made owner-only on start, and S3Proxy runs under {@code umask 077} so that what it writes is too.
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
    private static final String NAME = "S3Proxy";
    /** Name of the file, in the work directory, holding the generated key. */
    public static final String CREDENTIALS_FILE = "credentials";
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dataDir;
    private final Path workDir;
    private final int requestedPort;
    private final Credentials given;
    private final List<String> buckets;
    private final Duration startupTimeout;
    private final boolean ownShutdownHook;
    private ChildJvm child;
    private int port;
    private Credentials credentials;

    private S3ProxyServer(final Builder builder) {
        this.dataDir = builder.dataDir.toAbsolutePath().normalize();
        this.workDir = builder.workDir != null ? builder.workDir.toAbsolutePath().normalize()
            : this.dataDir.resolveSibling(this.dataDir.getFileName() + "-server");
        this.requestedPort = builder.port;
        this.given = builder.credentials;
        this.buckets = List.copyOf(builder.buckets);
        this.startupTimeout = builder.startupTimeout;
        this.ownShutdownHook = builder.ownShutdownHook;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts S3Proxy and returns once it answers HTTP. */
    public synchronized S3ProxyServer start() {
        final long startedAt = System.nanoTime();
        OwnerOnlyFiles.directory(workDir);
        OwnerOnlyFiles.directory(dataDir);
        // The filesystem backend keeps a bucket as a directory: creating it creates the bucket, private as it is
        // owner-only.
        for (final String bucket : buckets) {
            OwnerOnlyFiles.directory(dataDir.resolve(bucket));
        }
        // Buckets and objects left readable by others (an earlier version, a copy, a hand-made bucket) are made
        // private before S3Proxy serves them.
        final int restricted = OwnerOnlyFiles.restrictTree(dataDir);
        if (restricted > 0) {
            LOG.info("Made {} files and directories under {} owner-only (private to S3)", restricted, dataDir);
        }
        credentials();
        final Path properties = workDir.resolve("s3proxy.properties");
        final Path pidFile = workDir.resolve("s3proxy.pid");
        try {
            Orphans.stop(NAME, pidFile, properties.toString());
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + pidFile, e);
        }
        port = requestedPort == 0 ? FreePorts.pick() : requestedPort;
        if (requestedPort != 0 && !FreePorts.isFree(port)) {
            // Checked up front: another S3 server already on the port (MinIO, a stack left running) would answer
            // the readiness probe.
            throw new IllegalStateException("cannot start S3Proxy: port " + port + " on " + HOST + " is in use");
        }
        writeProperties(properties);
        child = new ChildJvm(NAME, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-DLOG_LEVEL=warn"), List.of("-jar", ChildJvm.builtPath("s3proxy.jar", "S3Proxy").toString(), "--properties",
            properties.toString()), workDir.resolve("s3proxy.log"))
            .pidFile(pidFile, properties.toString());
        if (!ownShutdownHook) {
            child.withoutShutdownHook();
        }
        child.start();
        try {
            child.awaitReady(this::answers, startupTimeout);
        } catch (final RuntimeException e) {
            child.close();
            throw e;
        }
        LOG.info("S3Proxy ready at {} (buckets in {}) in {} ms", endpoint(), dataDir,
            (System.nanoTime() - startedAt) / 1_000_000);
        // Restarted on the same port and key when it exits on its own.
        child.supervise(this::answers, startupTimeout);
        return this;
    }

    /** What the supervisor knows of S3Proxy's process: running, restarting after an exit, or stopped. */
    public synchronized ChildStatus status() {
        return child == null ? new ChildStatus(NAME, ChildStatus.State.STOPPED, -1, java.time.Instant.now(), 0,
            null) : child.status();
    }

    /** Whether S3Proxy answers HTTP now. */
    public boolean answers() {
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

    /** {@code http://127.0.0.1:<port>}; use path-style requests. */
    public String endpoint() {
        return "http://" + HOST + ":" + port;
    }

    /** The access key id requests are signed with: the builder's, else the generated one. */
    public String accessKeyId() {
        return credentials().accessKeyId();
    }

    public String secretAccessKey() {
        return credentials().secretAccessKey();
    }

    /** Where the generated key is kept; null when the builder named the key. */
    public Path credentialsFile() {
        return given != null ? null : workDir.resolve(CREDENTIALS_FILE);
    }

    /** An access key of S3: an id and its secret. */
    public record Credentials(String accessKeyId, String secretAccessKey) {

        public Credentials {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
            if (accessKeyId.isBlank() || secretAccessKey.isBlank()) {
                throw new IllegalArgumentException("an S3 access key id and its secret must not be empty");
            }
        }

        @Override
        public String toString() {
            return "Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=(hidden)]";
        }
    }

    /**
     * The key generated by an S3ProxyServer whose work directory this is, if there is one: for clients of a local
     * stack that was started by another process.
     *
     * @throws UncheckedIOException when the file exists but cannot be read
     * @throws IllegalArgumentException when the file lacks the key
     */
    public static Optional<Credentials> readCredentials(final Path workDir) {
        final Path file = workDir.resolve(CREDENTIALS_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        final Map<String, String> values = new HashMap<>();
        try {
            for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                final int equals = line.indexOf('=');
                if (!line.isBlank() && !line.strip().startsWith("#") && !line.strip().startsWith("[") && equals > 0) {
                    values.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read the S3 key in " + file, e);
        }
        final String id = values.get("aws_access_key_id");
        final String secret = values.get("aws_secret_access_key");
        if (id == null || secret == null || id.isEmpty() || secret.isEmpty()) {
            throw new IllegalArgumentException(file + " has no aws_access_key_id and aws_secret_access_key");
        }
        return Optional.of(new Credentials(id, secret));
    }

    /** A new key in AWS's format: {@code AKIA} and 16 base-32 characters, and a 40-character secret. */
    static Credentials generateCredentials() {
        final StringBuilder id = new StringBuilder("AKIA");
        for (int i = 0; i < 16; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        final byte[] secret = new byte[30];
        RANDOM.nextBytes(secret);
        return new Credentials(id.toString(), Base64.getEncoder().encodeToString(secret));
    }

    private synchronized Credentials credentials() {
        if (credentials == null) {
            credentials = given != null ? given : loadOrGenerate();
        }
        return credentials;
    }

    private Credentials loadOrGenerate() {
        final Optional<Credentials> existing = readCredentials(workDir);
        if (existing.isPresent()) {
            // Written by an older version with the umask's permissions, or copied: owner-only all the same.
            OwnerOnlyFiles.file(workDir.resolve(CREDENTIALS_FILE));
            return existing.get();
        }
        final Credentials generated = generateCredentials();
        OwnerOnlyFiles.directory(workDir);
        OwnerOnlyFiles.write(workDir.resolve(CREDENTIALS_FILE), "# The key of the local S3 API (S3Proxy), "
            + "generated on its first start. Any AWS tool uses it with\n# AWS_SHARED_CREDENTIALS_FILE=" + workDir
            .resolve(CREDENTIALS_FILE) + " and --endpoint-url http://127.0.0.1:<port>\n[default]\n"
            + "aws_access_key_id = " + generated.accessKeyId() + "\naws_secret_access_key = "
            + generated.secretAccessKey() + "\n");
        LOG.info("Generated the key of the local S3 API in {} (owner-only)", workDir.resolve(CREDENTIALS_FILE));
        return generated;
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

    /** S3Proxy's configuration, with the secret in it: owner-only. */
    private void writeProperties(final Path file) {
        final Map<String, String> props = new LinkedHashMap<>();
        props.put("s3proxy.endpoint", endpoint());
        props.put("s3proxy.authorization", "aws-v2-or-v4");
        props.put("s3proxy.identity", accessKeyId());
        props.put("s3proxy.credential", secretAccessKey());
        props.put("s3proxy.ignore-unknown-headers", "true");
        props.put("jclouds.provider", "filesystem-nio2");
        props.put("jclouds.filesystem.basedir", dataDir.toString());
        final StringBuilder text = new StringBuilder();
        props.forEach((name, value) -> text.append(name).append('=').append(escape(value)).append('\n'));
        OwnerOnlyFiles.write(file, text.toString());
    }

    /** A value as java.util.Properties reads it back unchanged (a secret may hold any character). */
    static String escape(final String value) {
        final StringBuilder escaped = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                case '\f' -> escaped.append("\\f");
                case ' ' -> escaped.append(i == 0 ? "\\ " : " ");
                default -> {
                    // java.util.Properties reads ISO 8859-1: anything else as a Unicode escape.
                    if (c < 0x20 || c > 0x7e) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    /** Configuration of an {@link S3ProxyServer}. */
    public static final class Builder {

        private Path dataDir;
        private Path workDir;
        private int port;
        private Credentials credentials;
        private final List<String> buckets = new ArrayList<>();
        private Duration startupTimeout = Duration.ofSeconds(60);
        private boolean ownShutdownHook = true;

        private Builder() {
        }

        /**
         * Whether S3Proxy is stopped by a shutdown hook of its own (the default) when this JVM exits; false when the
         * owner stops it in its own order (as {@code trailwatch up} does: after the Connect worker, which uploads).
         */
        public Builder ownShutdownHook(final boolean own) {
            this.ownShutdownHook = own;
            return this;
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

        /**
         * The key requests must be signed with. Without it, a key is generated on the first start into {@code
         * <workDir>/credentials} (0600) and reused on later starts.
         */
        public Builder credentials(final String accessKeyId, final String secretAccessKey) {
            this.credentials = new Credentials(accessKeyId, secretAccessKey);
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
