package io.trailwatch.stack;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A user and password of a Kafka Connect REST API secured with HTTP Basic authentication, as Connect's
 * {@code BasicAuthSecurityRestExtension} checks them. {@link #toString()} does not show the password.
 */
public record ConnectCredentials(String username, String password) {

    public ConnectCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isEmpty() || username.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a Connect user name must be non-empty and without ':'");
        }
    }

    /** The value of the {@code Authorization} header that sends these credentials. */
    public String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ConnectCredentials[username=" + username + ", password=(hidden)]";
    }
}
