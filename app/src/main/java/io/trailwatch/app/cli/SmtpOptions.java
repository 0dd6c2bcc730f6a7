package io.trailwatch.app.cli;

import io.trailwatch.processors.runtime.ProcessorsConfig;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The SMTP server {@code trailwatch up} sends email subscriptions through. */
public final class SmtpOptions {

    /** The password is read from the environment only: a command line is visible to every user of the machine. */
    static final String PASSWORD_ENV = "TRAILWATCH_SMTP_PASSWORD";

    @Option(names = "--smtp-host", paramLabel = "HOST", description = "SMTP server of email subscriptions "
        + "(none by default: their notifications are dead-lettered with that reason).")
    String host;

    @Option(names = "--smtp-port", defaultValue = "587", paramLabel = "PORT", description = "Its port (default: "
        + "${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--smtp-from", defaultValue = "trailwatch@localhost", paramLabel = "ADDRESS",
        description = "The sender of email notifications (default: ${DEFAULT-VALUE}).")
    String from;

    @Option(names = "--smtp-username", paramLabel = "NAME", description = "SMTP login; its password comes from env "
        + PASSWORD_ENV + ".")
    String username;

    @Option(names = "--smtp-no-starttls", description = "Send without STARTTLS (only for a relay on this machine).")
    boolean noStartTls;

    /** The processors' settings these options make (none without --smtp-host). */
    Map<String, Object> processorSettings() {
        final Map<String, Object> settings = new HashMap<>();
        if (host != null) {
            settings.put(ProcessorsConfig.SMTP_HOST, host);
            settings.put(ProcessorsConfig.SMTP_PORT, port);
            settings.put(ProcessorsConfig.SMTP_FROM, from);
            settings.put(ProcessorsConfig.SMTP_STARTTLS_REQUIRED, !noStartTls);
            if (username != null) {
                settings.put(ProcessorsConfig.SMTP_USERNAME, username);
                final String password = System.getenv(PASSWORD_ENV);
                if (password != null) {
                    settings.put(ProcessorsConfig.SMTP_PASSWORD, password);
                }
            }
        }
        return settings;
    }
}
