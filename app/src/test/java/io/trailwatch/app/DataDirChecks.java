package io.trailwatch.app;

import io.trailwatch.schemas.files.OwnerOnlyFiles;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.sinks.archive.store.ObjectSummary;
import io.trailwatch.sinks.archive.store.S3ObjectStore;
import io.trailwatch.sinks.archive.store.S3Settings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * What another user of the machine finds of {@code trailwatch up} (issue 15): nothing readable in the data directory,
 * and a private archive bucket that only the key generated in it lists and reads.
 */
final class DataDirChecks {

    static final String BUCKET = "trailwatch-archive";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DataDirChecks() {
    }

    /** What an earlier version (or a wider umask) left: the bucket and an object in it readable by others. */
    static Path plantReadableObject(final Path dataDir) throws IOException {
        final Path object = Files.createDirectories(dataDir.resolve("s3").resolve(BUCKET).resolve("legacy"))
            .resolve("old.json");
        Files.writeString(object, "{\"Records\":[]}");
        for (final Path dir : List.of(dataDir, dataDir.resolve("s3"), dataDir.resolve("s3").resolve(BUCKET),
            object.getParent())) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(object, PosixFilePermissions.fromString("rw-r--r--"));
        return object;
    }

    /** {@code find <dataDir> -perm /o+r} prints nothing, and the files holding secrets are 0600. */
    static void ownerOnly(final Path dataDir) throws IOException {
        assertThat(readableByOthers(dataDir)).as("find %s -perm /o+r", dataDir).isEmpty();
        final List<Path> secrets = new java.util.ArrayList<>(List.of(dataDir.resolve("credentials"),
            dataDir.resolve("s3proxy").resolve("credentials"), dataDir.resolve("s3proxy").resolve("s3proxy.properties"),
            dataDir.resolve("identity").resolve("identity.key"),
            dataDir.resolve("archive").resolve("digest-signing-key.pem")));
        final List<Path> connectors;
        try (Stream<Path> files = Files.list(dataDir.resolve("connect"))) {
            connectors = files.filter(file -> file.getFileName().toString().matches("connector-.*\\.properties"))
                .toList();
        }
        assertThat(connectors).as("the Connect worker's connector files").isNotEmpty();
        secrets.addAll(connectors);
        for (final Path secret : secrets) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).as(secret.toString())
                .isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
    }

    /**
     * The bucket refuses anonymous listing and reading (403) of archived files and of the planted one, and lists the
     * archive to a request signed with the key generated in {@code <dataDir>/s3proxy/credentials}.
     */
    static void privateBucket(final Path dataDir, final String endpoint, final Path planted) throws Exception {
        final String credentials = Files.readString(dataDir.resolve("s3proxy").resolve("credentials"));
        final String id = value(credentials, "aws_access_key_id");
        final String secret = value(credentials, "aws_secret_access_key");
        assertThat(id).matches("AKIA[A-Z2-7]{16}");
        assertThat(secret).hasSize(40).isNotEqualTo("trailwatch-secret");
        final Path bucketDir = dataDir.resolve("s3").resolve(BUCKET);
        final String archived;
        try (Stream<Path> files = Files.walk(bucketDir)) {
            archived = bucketDir.relativize(files.filter(file -> file.toString().contains("/CloudTrail/")
                && file.toString().endsWith(".json.gz")).findFirst().orElseThrow(() -> new AssertionError(
                "no CloudTrail log file under " + bucketDir))).toString();
        }

        final HttpResponse<String> list = anonymous(endpoint + "/" + BUCKET + "?list-type=2");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(403);
        assertThat(list.body()).doesNotContain("AWSLogs");
        assertThat(anonymous(endpoint + "/" + BUCKET + "/" + archived).statusCode()).isEqualTo(403);
        assertThat(anonymous(endpoint + "/" + BUCKET + "/" + bucketDir.relativize(planted)).statusCode())
            .isEqualTo(403);

        try (S3ObjectStore signed = S3ObjectStore.open(new S3Settings(endpoint, "us-east-1", BUCKET, id, secret,
            true))) {
            assertThat(signed.list("AWSLogs/", null, 1000).stream().map(ObjectSummary::key)).contains(archived);
        }
    }

    /** Everything under the root, the root included, that others may read: {@code find root -perm /o+r}. */
    static List<Path> readableByOthers(final Path root) {
        return OwnerOnlyFiles.readableByOthers(root);
    }

    private static HttpResponse<String> anonymous(final String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static String value(final String credentials, final String name) {
        return credentials.lines().filter(line -> line.startsWith(name + " = "))
            .map(line -> line.substring(name.length() + 3).strip()).findFirst()
            .orElseThrow(() -> new AssertionError(name + " missing from the S3 credentials file"));
    }
}
