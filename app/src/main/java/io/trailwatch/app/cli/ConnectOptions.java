package io.trailwatch.app.cli;

import io.trailwatch.app.stack.ConnectorHost;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How {@code trailwatch up} reaches an existing Kafka Connect cluster ({@code --connect-url}) that is secured. */
public final class ConnectOptions {

    static final String PASSWORD_ENV = "TRAILWATCH_CONNECT_PASSWORD";

    @Option(names = "--connect-username", paramLabel = "USER", description = "User of --connect-url's REST API (HTTP "
        + "Basic authentication, as Connect's BasicAuthSecurityRestExtension checks it); also user:password@ in the URL.")
    String username;

    @Option(names = "--connect-password", paramLabel = "PASSWORD", defaultValue = "${env:" + PASSWORD_ENV + "}",
        description = "Password of --connect-username (default: environment variable " + PASSWORD_ENV + ").")
    String password;

    @Option(names = "--connect-secrets-file", paramLabel = "FILE", description = "With --connect-url: write the "
        + "connectors' secrets (S3 secret key, webhook URL, PagerDuty routing key) to this owner-only file and register "
        + "$${file:FILE:...} references instead, for workers that see FILE and have FileConfigProvider as 'file' "
        + "(config.providers=file).")
    Path secretsFile;

    /** The cluster at {@code connectUrl} with these credentials, or null for none (a local worker). */
    ConnectorHost.Cluster cluster(final String connectUrl) {
        if (connectUrl == null) {
            return null;
        }
        return ConnectorHost.Cluster.of(connectUrl, username, password,
            secretsFile == null ? null : secretsFile.toAbsolutePath().normalize());
    }

    /** What is wrong with these options beside {@code connectUrl}, or null. */
    String problem(final String connectUrl) {
        if (connectUrl == null) {
            return username != null || secretsFile != null
                ? "--connect-username, --connect-password and --connect-secrets-file go with --connect-url" : null;
        }
        try {
            cluster(connectUrl);
            return null;
        } catch (final IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
