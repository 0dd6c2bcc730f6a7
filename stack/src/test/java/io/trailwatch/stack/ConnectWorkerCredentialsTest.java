package io.trailwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API's generated password and the JAAS file that Connect's basic auth extension reads. */
class ConnectWorkerCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void theFirstStartGeneratesAPasswordOwnerOnlyAndLaterStartsReuseIt() throws Exception {
        final Path file = dir.resolve(ConnectWorker.REST_USERS_FILE);

        final ConnectCredentials first = ConnectWorker.loadOrCreateCredentials(file);
        final ConnectCredentials again = ConnectWorker.loadOrCreateCredentials(file);

        assertThat(first.username()).isEqualTo(ConnectWorker.REST_USER);
        assertThat(first.password()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(again).isEqualTo(first);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        // The format of Connect's PropertyFileLoginModule: user=password.
        final Properties users = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            users.load(in);
        }
        assertThat(users).containsOnlyKeys(ConnectWorker.REST_USER).containsEntry(ConnectWorker.REST_USER,
            first.password());
        assertThat(ConnectWorker.loadOrCreateCredentials(dir.resolve("other")).password())
            .isNotEqualTo(first.password());
    }

    @Test
    void anOpenFileLeftByAnEarlierVersionIsMadeOwnerOnly() throws Exception {
        final Path file = Files.writeString(dir.resolve(ConnectWorker.REST_USERS_FILE), "trailwatch=kept\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(ConnectWorker.loadOrCreateCredentials(file).password()).isEqualTo("kept");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void anEmptyUsersFileIsNeverLeftBehind() throws Exception {
        // Connect's login module lets every request through when the file names no user.
        final Path file = Files.writeString(dir.resolve(ConnectWorker.REST_USERS_FILE), "");

        final ConnectCredentials created = ConnectWorker.loadOrCreateCredentials(file);

        assertThat(Files.readString(file)).contains(ConnectWorker.REST_USER + "=" + created.password());
    }

    @Test
    void theJaasFileNamesTheLoginModuleAndTheUsersFile() {
        assertThat(ConnectWorker.jaasConfig(Path.of("/data/connect/rest-users.properties"))).isEqualTo("""
            KafkaConnect {
              org.apache.kafka.connect.rest.basic.auth.extension.PropertyFileLoginModule required
              file="/data/connect/rest-users.properties";
            };
            """);
    }

    @Test
    void theAuthorizationHeaderIsBasicAndToStringHidesThePassword() {
        final ConnectCredentials credentials = new ConnectCredentials("trailwatch", "s3cr:et");

        assertThat(credentials.authorization()).isEqualTo("Basic " + Base64.getEncoder()
            .encodeToString("trailwatch:s3cr:et".getBytes(StandardCharsets.UTF_8)));
        assertThat(credentials.toString()).doesNotContain("s3cr:et");
    }
}
