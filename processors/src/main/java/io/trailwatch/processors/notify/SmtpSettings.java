package io.trailwatch.processors.notify;

import java.util.Optional;

/**
 * The SMTP server email subscriptions are sent through.
 *
 * @param host             its host; empty: none, and email subscriptions' messages are dead-lettered saying so
 * @param port             its port
 * @param from             the sender's address
 * @param username         the login; empty: none
 * @param password         the login's password (a secret: not in {@link #toString()})
 * @param startTlsRequired whether to refuse a server that does not offer STARTTLS (off only for a local relay)
 */
public record SmtpSettings(String host, int port, String from, String username, String password,
                           boolean startTlsRequired) {

    public Optional<SmtpSettings> configured() {
        return host == null || host.isEmpty() ? Optional.empty() : Optional.of(this);
    }

    public boolean authenticates() {
        return username != null && !username.isEmpty();
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + host + ":" + port + ", from " + from + (authenticates() ? ", as " + username : "")
            + (startTlsRequired ? ", STARTTLS required" : "") + "]";
    }
}
