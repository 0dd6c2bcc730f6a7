package io.trailwatch.testkit;

import io.trailwatch.stack.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The real S3 API every integration test of a JVM shares: S3Proxy (filesystem backend, AWS v4 auth) started on
 * first use, stopped when the JVM exits. Tests use their own buckets ({@link #newBucket}).
 */
public final class TestObjectStorage {

    private static TestObjectStorage instance;

    private final Path dataDir;
    private final S3ProxyServer server;

    private TestObjectStorage(final Path dataDir, final S3ProxyServer server) {
        this.dataDir = dataDir;
        this.server = server;
    }

    /** The JVM's shared S3 server, started on the first call (about a second or two). */
    public static synchronized TestObjectStorage get() {
        if (instance == null) {
            final Path dir;
            try {
                dir = Files.createTempDirectory("trailwatch-s3-");
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot create a directory for S3Proxy", e);
            }
            final S3ProxyServer server = S3ProxyServer.builder().dataDir(dir.resolve("buckets"))
                .workDir(dir.resolve("server")).build().start();
            instance = new TestObjectStorage(dir, server);
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "trailwatch-testkit-s3-shutdown"));
        }
        return instance;
    }

    /** {@code http://127.0.0.1:<port>}, for path-style requests. */
    public String endpoint() {
        return server.endpoint();
    }

    public String accessKeyId() {
        return server.accessKeyId();
    }

    public String secretAccessKey() {
        return server.secretAccessKey();
    }

    /** Signing region the server accepts (any; this is the one tests use). */
    public String region() {
        return "us-east-1";
    }

    /** Creates a bucket no other test uses and returns its name. */
    public String newBucket(final String prefix) {
        final String name = UniqueNames.of(prefix).toLowerCase().replace('_', '-').replace('.', '-');
        try {
            // The filesystem backend keeps a bucket as a directory.
            Files.createDirectories(server.dataDir().resolve(name));
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot create bucket " + name, e);
        }
        return name;
    }

    /** Where a bucket's objects are on disk (one file per object, under the key's path). */
    public Path bucketDir(final String bucket) {
        return server.dataDir().resolve(bucket);
    }

    private void stop() {
        server.close();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (final IOException | UncheckedIOException ignored) {
            // A temporary directory left behind is harmless.
        }
    }
}
