package io.trailwatch.app.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.sinks.archive.store.ObjectSummary;
import io.trailwatch.sinks.archive.store.S3ObjectStore;
import io.trailwatch.sinks.archive.store.S3Settings;
import io.trailwatch.schemas.files.OwnerOnlyFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack's object store (S3Proxy, as {@code trailwatch up} starts it): a key generated on the first start,
 * owner-only and the same on the next; a private bucket, listed and read only with a signature, including what an
 * earlier version left readable by others.
 */
class LocalArchiveStoreIT {

    private static final String BUCKET = "trailwatch-archive";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void theKeyIsGeneratedOwnerOnlyAndTheBucketAnswersSignedRequestsOnly() throws Exception {
        // What an earlier version left: a bucket and an object readable by others, which S3Proxy served to anyone.
        final Path bucketDir = Files.createDirectories(dataDir.resolve("s3").resolve(BUCKET));
        final Path legacy = Files.writeString(Files.createDirectories(bucketDir.resolve("legacy")).resolve("old.json"),
            "{\"Records\":[]}");
        for (final Path dir : new Path[] {dataDir.resolve("s3"), bucketDir, legacy.getParent()}) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(legacy, PosixFilePermissions.fromString("rw-r--r--"));

        final String id;
        final String secret;
        try (ArchiveServices archive = new ArchiveServices().start(options())) {
            final Path credentials = dataDir.resolve("s3proxy").resolve("credentials");
            assertThat(archive.s3CredentialsFile()).isEqualTo(credentials);
            assertThat(mode(credentials)).isEqualTo("rw-------");
            assertThat(mode(dataDir.resolve("s3proxy").resolve("s3proxy.properties"))).isEqualTo("rw-------");
            assertThat(mode(dataDir.resolve("s3proxy").resolve("s3proxy.log"))).isEqualTo("rw-------");
            assertThat(mode(dataDir.resolve("s3proxy"))).isEqualTo("rwx------");
            assertThat(mode(bucketDir)).isEqualTo("rwx------");
            final String text = Files.readString(credentials);
            id = value(text, "aws_access_key_id");
            secret = value(text, "aws_secret_access_key");
            assertThat(id).matches("AKIA[A-Z2-7]{16}");
            assertThat(secret).hasSize(40);
            assertThat(Files.readString(dataDir.resolve("s3proxy").resolve("s3proxy.properties")))
                .doesNotContain("trailwatch-secret");

            final String endpoint = archive.s3Endpoint();
            final String key = "AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/21/log.json.gz";
            try (S3ObjectStore signed = S3ObjectStore.open(new S3Settings(endpoint, "us-east-1", BUCKET, id, secret,
                true))) {
                signed.put(key, "gzip".getBytes(StandardCharsets.UTF_8), Map.of());
                assertThat(signed.list("", null, 100).stream().map(ObjectSummary::key))
                    .contains(key, "legacy/old.json");
            }
            // S3Proxy (under umask 077) wrote the object owner-only: private, as the bucket.
            assertThat(mode(bucketDir.resolve(key))).isEqualTo("rw-------");
            // (The rest of the data directory is this JVM's, whose umask the launcher sets: see TrailwatchUpIT.)
            assertThat(OwnerOnlyFiles.readableByOthers(dataDir.resolve("s3"))).isEmpty();
            assertThat(OwnerOnlyFiles.readableByOthers(dataDir.resolve("s3proxy"))).isEmpty();

            assertThat(anonymous(endpoint + "/" + BUCKET + "?list-type=2").statusCode()).isEqualTo(403);
            assertThat(anonymous(endpoint + "/" + BUCKET).statusCode()).isEqualTo(403);
            assertThat(anonymous(endpoint + "/" + BUCKET + "/" + key).statusCode()).isEqualTo(403);
            assertThat(anonymous(endpoint + "/" + BUCKET + "/legacy/old.json").statusCode()).isEqualTo(403);
            assertThat(anonymous(endpoint + "/").statusCode()).isEqualTo(403);
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + "/" + BUCKET + "/planted.json"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(403);
            assertThat(bucketDir.resolve("planted.json")).doesNotExist();
            // A wrong secret is refused as well.
            try (S3ObjectStore forged = S3ObjectStore.open(new S3Settings(endpoint, "us-east-1", BUCKET, id,
                "x".repeat(40), true))) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> forged.list("", null, 10))
                    .hasMessageContaining("403");
            }

            // What decides: S3Proxy's filesystem backend serves a bucket (an object) whose directory (file) others
            // may read to anyone. Opened for a moment, the same anonymous requests succeed.
            Files.setPosixFilePermissions(bucketDir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(bucketDir.resolve(key), PosixFilePermissions.fromString("rw-r--r--"));
            try {
                final HttpResponse<String> listed = anonymous(endpoint + "/" + BUCKET + "?list-type=2");
                assertThat(listed.statusCode()).isEqualTo(200);
                assertThat(listed.body()).contains(key);
                assertThat(anonymous(endpoint + "/" + BUCKET + "/" + key).statusCode()).isEqualTo(200);
            } finally {
                Files.setPosixFilePermissions(bucketDir, PosixFilePermissions.fromString("rwx------"));
                Files.setPosixFilePermissions(bucketDir.resolve(key), PosixFilePermissions.fromString("rw-------"));
            }
        }

        // The next start uses the same key, and finds the bucket as it was.
        try (ArchiveServices again = new ArchiveServices().start(options())) {
            final String text = Files.readString(dataDir.resolve("s3proxy").resolve("credentials"));
            assertThat(value(text, "aws_access_key_id")).isEqualTo(id);
            assertThat(value(text, "aws_secret_access_key")).isEqualTo(secret);
            try (S3ObjectStore signed = S3ObjectStore.open(new S3Settings(again.s3Endpoint(), "us-east-1", BUCKET, id,
                secret, true))) {
                assertThat(signed.list("AWSLogs/", null, 10)).hasSize(1);
            }
            assertThat(anonymous(again.s3Endpoint() + "/" + BUCKET + "?list-type=2").statusCode()).isEqualTo(403);
        }
    }

    @Test
    void aNamedKeyIsUsedAndNoneIsGenerated() throws Exception {
        final ArchiveServices.Options named = new ArchiveServices.Options(dataDir, new S3Settings(null, "us-east-1",
            BUCKET, "AKIANAMEDBYTHEUSER00", "a-secret-the-user-chose-for-this-store", true), true, 0,
            dataDir.resolve("archive").resolve("digest-signing-key.pem"), Duration.ofHours(1), "http://127.0.0.1:1");
        try (ArchiveServices archive = new ArchiveServices().start(named)) {
            assertThat(archive.s3CredentialsFile()).isNull();
            assertThat(dataDir.resolve("s3proxy").resolve("credentials")).doesNotExist();
            try (S3ObjectStore signed = S3ObjectStore.open(new S3Settings(archive.s3Endpoint(), "us-east-1", BUCKET,
                "AKIANAMEDBYTHEUSER00", "a-secret-the-user-chose-for-this-store", true))) {
                assertThat(signed.list("", null, 10)).isEmpty();
            }
        }
    }

    private ArchiveServices.Options options() {
        return new ArchiveServices.Options(dataDir, new S3Settings(null, "us-east-1", BUCKET, null, null, true), true, 0,
            dataDir.resolve("archive").resolve("digest-signing-key.pem"), Duration.ofHours(1), "http://127.0.0.1:1");
    }

    private static HttpResponse<String> anonymous(final String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static String value(final String credentials, final String name) {
        return credentials.lines().filter(line -> line.startsWith(name + " = ")).map(line -> line.substring(
            name.length() + 3).strip()).findFirst().orElseThrow(() -> new AssertionError(name + " missing"));
    }

    private static String mode(final Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
