package io.trailwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** S3Proxy's key: no default; generated on first use, owner-only, and the same on every later start. */
class S3ProxyServerCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void withoutANamedKeyOneIsGeneratedOwnerOnlyAndReusedByTheNextServer() throws IOException {
        final S3ProxyServer first = S3ProxyServer.builder().dataDir(dir.resolve("s3")).workDir(dir.resolve("s3proxy"))
            .build();

        final String id = first.accessKeyId();
        final String secret = first.secretAccessKey();

        assertThat(id).matches("AKIA[A-Z2-7]{16}");
        assertThat(secret).hasSize(40).doesNotContain("trailwatch");
        final Path file = dir.resolve("s3proxy").resolve("credentials");
        assertThat(first.credentialsFile()).isEqualTo(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(Files.readString(file)).contains("[default]").contains("aws_access_key_id = " + id)
            .contains("aws_secret_access_key = " + secret);

        final S3ProxyServer second = S3ProxyServer.builder().dataDir(dir.resolve("s3")).workDir(dir.resolve("s3proxy"))
            .build();
        assertThat(second.accessKeyId()).isEqualTo(id);
        assertThat(second.secretAccessKey()).isEqualTo(secret);
        assertThat(S3ProxyServer.readCredentials(dir.resolve("s3proxy")))
            .contains(new S3ProxyServer.Credentials(id, secret));
    }

    @Test
    void twoDataDirectoriesGetDifferentKeys() {
        final S3ProxyServer one = S3ProxyServer.builder().dataDir(dir.resolve("one")).build();
        final S3ProxyServer two = S3ProxyServer.builder().dataDir(dir.resolve("two")).build();

        assertThat(one.accessKeyId()).isNotEqualTo(two.accessKeyId());
        assertThat(one.secretAccessKey()).isNotEqualTo(two.secretAccessKey());
    }

    @Test
    void aNamedKeyWinsAndNothingIsWritten() {
        final S3ProxyServer server = S3ProxyServer.builder().dataDir(dir.resolve("s3")).workDir(dir.resolve("s3proxy"))
            .credentials("minio-user", "minio-secret").build();

        assertThat(server.accessKeyId()).isEqualTo("minio-user");
        assertThat(server.secretAccessKey()).isEqualTo("minio-secret");
        assertThat(server.credentialsFile()).isNull();
        assertThat(dir.resolve("s3proxy").resolve("credentials")).doesNotExist();
    }

    @Test
    void anEmptyKeyIsRefused() {
        assertThatThrownBy(() -> S3ProxyServer.builder().credentials("", "secret"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3ProxyServer.builder().credentials("id", " "))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeyFileWithoutTheKeyIsReportedRatherThanReplaced() throws IOException {
        Files.createDirectories(dir.resolve("s3proxy"));
        Files.writeString(dir.resolve("s3proxy").resolve("credentials"), "[default]\naws_access_key_id = AKIA\n");

        assertThatThrownBy(() -> S3ProxyServer.readCredentials(dir.resolve("s3proxy")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aws_secret_access_key");
        assertThat(S3ProxyServer.readCredentials(dir.resolve("nothing-here"))).isEmpty();
    }

    @Test
    void theSecretDoesNotShowInItsToString() {
        assertThat(new S3ProxyServer.Credentials("AKIAEXAMPLE", "very-secret").toString()).doesNotContain("very-secret");
    }

    @Test
    void anySecretSurvivesThePropertiesFileUnchanged() throws IOException {
        final String secret = " a\\b=c:d#e!f\tg\nh é €";
        final Properties read = new Properties();

        read.load(new StringReader("s3proxy.credential=" + S3ProxyServer.escape(secret) + "\n"));

        assertThat(read.getProperty("s3proxy.credential")).isEqualTo(secret);
    }
}
