package io.trailwatch.processors.notify;

import io.trailwatch.schemas.json.InvalidRecordException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/** How a subscription is delivered, as SNS names its protocols, each with its own check of the endpoint. */
public enum SubscriptionProtocol {
    /** A webhook over plain HTTP: SNS's JSON notification envelope, POSTed. */
    HTTP("http"),
    /** A webhook over HTTPS. */
    HTTPS("https"),
    /** A mail over SMTP to the address. */
    EMAIL("email"),
    /** A Slack incoming webhook (its https:// URL, a secret: never shown whole): a Slack message. */
    SLACK("slack"),
    /** PagerDuty's Events API v2 with this routing key (a secret: never shown whole): ALARM triggers, OK resolves. */
    PAGERDUTY("pagerduty");

    /** A PagerDuty integration's routing key: 32 letters and digits. */
    private static final Pattern ROUTING_KEY = Pattern.compile("[A-Za-z0-9]{32}");
    private static final java.util.Set<String> LOOPBACK = java.util.Set.of("localhost", "127.0.0.1", "[::1]");

    /** An address as SNS accepts it: something@domain, no spaces. */
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int MAX_ENDPOINT = 2048;

    private final String id;

    SubscriptionProtocol(final String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The protocol SNS names so ({@code http}, {@code https}, {@code email}), or a refusal naming the field. */
    public static SubscriptionProtocol of(final String field, final String id) {
        if (id == null || id.isEmpty()) {
            throw new InvalidRecordException(field, "is required");
        }
        return Arrays.stream(values()).filter(protocol -> protocol.id.equals(id.toLowerCase(Locale.ROOT)))
            .findFirst().orElseThrow(() -> new InvalidRecordException(field, "Invalid protocol type: " + id
                + " (supported: http, https, email, slack, pagerduty)"));
    }

    /**
     * Whether a new subscription must confirm, as SNS asks of http and https endpoints; mail, Slack and PagerDuty
     * cannot answer a confirmation.
     */
    public boolean confirms() {
        return this == HTTP || this == HTTPS;
    }

    /**
     * The endpoint as it may be shown: a Slack webhook's path and a routing key are credentials (only the host, or
     * the key's first 4 characters, are shown); a password in a URL is masked.
     */
    public String displayed(final String endpoint) {
        if (this == PAGERDUTY) {
            return endpoint.substring(0, Math.min(4, endpoint.length())) + "****";
        }
        if (this == SLACK) {
            final URI uri = URI.create(endpoint);
            return uri.getScheme() + "://" + uri.getRawAuthority() + "/****";
        }
        return io.trailwatch.schemas.UrlPasswords.masked(endpoint);
    }

    /** Checks that the endpoint suits this protocol; returns it. */
    public String requireEndpoint(final String field, final String endpoint) {
        if (endpoint == null || endpoint.isEmpty()) {
            throw new InvalidRecordException(field, "is required for protocol " + id);
        }
        if (endpoint.length() > MAX_ENDPOINT) {
            throw new InvalidRecordException(field, "must be at most " + MAX_ENDPOINT + " characters");
        }
        if (this == EMAIL) {
            if (!ADDRESS.matcher(endpoint).matches()) {
                throw new InvalidRecordException(field, "Invalid email address: an address is name@domain");
            }
            return endpoint;
        }
        if (this == PAGERDUTY) {
            if (!ROUTING_KEY.matcher(endpoint).matches()) {
                throw new InvalidRecordException(field, "must be a PagerDuty Events API v2 routing key (32 letters "
                    + "and digits) for protocol pagerduty");
            }
            return endpoint;
        }
        try {
            final URI uri = new URI(endpoint);
            final boolean slackUrl = this == SLACK && uri.getHost() != null && ("https".equalsIgnoreCase(
                uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()) && LOOPBACK.contains(uri.getHost()));
            if (this == SLACK && !slackUrl) {
                throw new InvalidRecordException(field, "must be a Slack incoming webhook's https:// URL for "
                    + "protocol slack (http:// only for localhost)");
            }
            if (this != SLACK && (!id.equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null)) {
                throw new InvalidRecordException(field, "must be an " + id + ":// URL with a host for protocol " + id);
            }
        } catch (final URISyntaxException e) {
            throw new InvalidRecordException(field, "is not a URL: " + e.getReason());
        }
        return endpoint;
    }
}
