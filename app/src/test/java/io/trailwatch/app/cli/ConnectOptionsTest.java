package io.trailwatch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code trailwatch up}'s options for a secured Kafka Connect cluster. */
class ConnectOptionsTest {

    private static UpCommand parse(final String... args) {
        final UpCommand up = new UpCommand();
        new CommandLine(up).parseArgs(args);
        return up;
    }

    @Test
    void credentialsComeFromTheOptions() {
        final UpCommand up = parse("--connect-url", "http://connect:8083", "--connect-username", "trailwatch",
            "--connect-password", "s3cret");

        assertThat(up.connectAccess.problem(up.connectUrl)).isNull();
        assertThat(up.connectAccess.cluster(up.connectUrl).credentials().authorization())
            .isEqualTo(new io.trailwatch.stack.ConnectCredentials("trailwatch", "s3cret").authorization());
        assertThat(up.connectAccess.cluster(up.connectUrl).url()).isEqualTo("http://connect:8083");
    }

    @Test
    void aUserWithoutAPasswordIsAUsageProblem() {
        final UpCommand up = parse("--connect-url", "http://connect:8083", "--connect-username", "trailwatch");

        // Unless the environment gives the password, as it may.
        if (System.getenv(ConnectOptions.PASSWORD_ENV) == null) {
            assertThat(up.connectAccess.problem(up.connectUrl)).contains("password");
        }
    }

    @Test
    void credentialsWithoutAClusterAreAUsageProblemAndNoClusterMeansTheLocalWorker() {
        final UpCommand up = parse("--connect-username", "trailwatch", "--connect-password", "x");

        assertThat(up.connectAccess.problem(up.connectUrl)).contains("--connect-url");
        assertThat(parse().connectAccess.problem(null)).isNull();
        assertThat(parse().connectAccess.cluster(null)).isNull();
    }
}
