package io.trailwatch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.trailwatch.sinks.archive.store.S3Settings;
import io.trailwatch.stack.S3ProxyServer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The archive's S3 options: no default key; the local stack's generated one found by the commands reading it. */
class S3OptionsTest {

    @Command(name = "probe")
    static final class Probe implements Runnable {
        @Mixin
        S3Options s3;

        @Override
        public void run() {
        }
    }

    @TempDir
    Path dir;

    @BeforeAll
    static void noKeyInTheEnvironment() {
        assumeThat(System.getenv("TRAILWATCH_S3_ACCESS_KEY_ID")).isNull();
        assumeThat(System.getenv("TRAILWATCH_S3_SECRET_ACCESS_KEY")).isNull();
        assumeThat(System.getenv("TRAILWATCH_S3_ENDPOINT")).isNull();
    }

    @Test
    void thereIsNoDefaultKey() {
        final Parsed parsed = parse();

        assertThat(parsed.options().accessKeyId).isNull();
        assertThat(parsed.options().secretAccessKey).isNull();
        final S3Settings up = parsed.options().namedSettings("archive");
        assertThat(up.accessKeyId()).isNull();
        assertThat(up.secretAccessKey()).isNull();
        assertThat(up.endpoint()).isEqualTo(S3Options.DEFAULT_ENDPOINT);
        assertThat(parsed.options().problem(parsed.result())).isNull();
        // Nor in the help.
        final String help = new CommandLine(new Probe()).getUsageMessage();
        assertThat(help).doesNotContain("trailwatch-secret");
    }

    @Test
    void upWithAnotherStoreNeedsItsKey() {
        final Parsed parsed = parse("--s3-endpoint", "http://minio:9000");

        assertThat(parsed.options().problem(parsed.result())).contains("--s3-access-key-id")
            .contains("--s3-secret-access-key").contains("no default key");
    }

    @Test
    void upWithAnotherStoreAndItsKeyUsesIt() {
        final Parsed parsed = parse("--s3-endpoint", "http://minio:9000", "--s3-access-key-id", "minio",
            "--s3-secret-access-key", "minio-secret");

        assertThat(parsed.options().problem(parsed.result())).isNull();
        final S3Settings settings = parsed.options().namedSettings("archive");
        assertThat(settings.accessKeyId()).isEqualTo("minio");
        assertThat(settings.secretAccessKey()).isEqualTo("minio-secret");
        assertThat(settings.pathStyle()).isTrue();
    }

    @Test
    void awsS3MayUseTheSdksDefaultCredentials() {
        final Parsed parsed = parse("--s3-endpoint", "aws");

        assertThat(parsed.options().problem(parsed.result())).isNull();
        final S3Settings settings = parsed.options().settings("archive", dir);
        assertThat(settings.endpoint()).isNull();
        assertThat(settings.accessKeyId()).isNull();
    }

    @Test
    void halfAKeyIsRefused() {
        final Parsed idOnly = parse("--s3-access-key-id", "minio");
        final Parsed secretOnly = parse("--s3-secret-access-key", "minio-secret");

        assertThat(idOnly.options().problem(idOnly.result())).contains("needs --s3-secret-access-key");
        assertThat(secretOnly.options().problem(secretOnly.result())).contains("needs --s3-access-key-id");
        assertThatThrownBy(() -> idOnly.options().settings("archive", dir)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readingTheLocalStacksArchiveFindsTheKeyItsS3ProxyGenerated() {
        final S3ProxyServer local = S3ProxyServer.builder().dataDir(dir.resolve("s3")).workDir(dir.resolve("s3proxy"))
            .build();
        final String id = local.accessKeyId();

        final S3Settings settings = parse().options().settings("trailwatch-archive", dir.resolve("s3proxy"));

        assertThat(settings.accessKeyId()).isEqualTo(id);
        assertThat(settings.secretAccessKey()).isEqualTo(local.secretAccessKey());
        assertThat(settings.endpoint()).isEqualTo(S3Options.DEFAULT_ENDPOINT);
        assertThat(settings.pathStyle()).isTrue();
        // localhost is the local stack too; a named key wins over the file.
        assertThat(parse("--s3-endpoint", "http://localhost:9000/").options().settings("a", dir.resolve("s3proxy"))
            .accessKeyId()).isEqualTo(id);
        assertThat(parse("--s3-access-key-id", "other", "--s3-secret-access-key", "other-secret").options()
            .settings("a", dir.resolve("s3proxy")).accessKeyId()).isEqualTo("other");
    }

    @Test
    void withoutTheLocalStacksKeyFileTheMessageSaysWhereItLookedAndWhatToPass() {
        assertThatThrownBy(() -> parse().options().settings("trailwatch-archive", dir.resolve("s3proxy")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(dir.resolve("s3proxy").resolve("credentials").toString())
            .hasMessageContaining("--s3-access-key-id");
    }

    @Test
    void anotherEndpointWithoutAKeyIsNotGivenTheLocalStacksKey() {
        S3ProxyServer.builder().dataDir(dir.resolve("s3")).workDir(dir.resolve("s3proxy")).build().accessKeyId();

        assertThatThrownBy(() -> parse("--s3-endpoint", "https://s3.example.com").options()
            .settings("archive", dir.resolve("s3proxy")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs --s3-access-key-id");
    }

    private record Parsed(S3Options options, CommandLine.ParseResult result) { }

    private static Parsed parse(final String... args) {
        final Probe probe = new Probe();
        final CommandLine.ParseResult result = new CommandLine(probe).parseArgs(args);
        return new Parsed(probe.s3, result);
    }
}
