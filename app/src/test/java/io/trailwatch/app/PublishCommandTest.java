package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees when the input to {@code trailwatch publish audit} is wrong: exit code 2, and why. */
class PublishCommandTest {

    /** Nothing listens here: the command must reject bad input before it ever connects. */
    private static final String[] NOWHERE = {"--bootstrap-servers", "127.0.0.1:1", "--schema-registry-url", "http://127.0.0.1:1"};

    @TempDir
    Path dir;

    private CommandLineRunner publish(final String content) throws Exception {
        final Path file = dir.resolve("records.json");
        Files.writeString(file, content);
        final String[] args = new String[NOWHERE.length + 3];
        args[0] = "publish";
        args[1] = "audit";
        args[2] = file.toString();
        System.arraycopy(NOWHERE, 0, args, 3, NOWHERE.length);
        return CommandLineRunner.run(args);
    }

    @Test
    void invalidJsonIsAUsageErrorNamingWhere() throws Exception {
        final CommandLineRunner result = publish("{\"Records\": [ {\"eventName\": }");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("not valid JSON at line 1");
    }

    @Test
    void aRecordMissingARequiredFieldIsNamedWithTheField() throws Exception {
        final CommandLineRunner result = publish("""
            {"Records": [
              {"eventVersion": "1.08", "eventID": "ok-1", "eventTime": "2026-11-21T10:00:00Z",
               "eventSource": "s3.amazonaws.com", "eventName": "ListBuckets", "awsRegion": "eu-west-1",
               "sourceIPAddress": "198.51.100.1", "userIdentity": {"type": "IAMUser"}},
              {"eventVersion": "1.08", "eventID": "bad-2", "eventTime": "2026-11-21T10:00:00Z",
               "eventSource": "s3.amazonaws.com", "awsRegion": "eu-west-1",
               "sourceIPAddress": "198.51.100.1", "userIdentity": {"type": "IAMUser"}}
            ]}""");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("record 2 of 2 (eventID bad-2): field 'eventName': is required; nothing was published");
    }

    @Test
    void aMissingFileIsAUsageError() {
        final CommandLineRunner result = CommandLineRunner.run("publish", "audit", dir.resolve("absent.json").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("no such file");
    }

    @Test
    void everyCommandHasHelp() {
        for (final String[] command : new String[][] {{"--help"}, {"up", "--help"}, {"demo", "--help"},
            {"publish", "--help"}, {"publish", "audit", "--help"}, {"tail", "--help"}, {"tail", "alarms", "--help"}}) {
            final CommandLineRunner result = CommandLineRunner.run(command);
            assertThat(result.exitCode()).as(String.join(" ", command)).isZero();
            assertThat(result.out()).as(String.join(" ", command)).contains("Usage: trailwatch");
        }
    }
}
