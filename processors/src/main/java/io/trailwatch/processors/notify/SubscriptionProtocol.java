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
    EMAIL("email");

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
                + " (supported: http, https, email)"));
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
        try {
            final URI uri = new URI(endpoint);
            if (!id.equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new InvalidRecordException(field, "must be an " + id + ":// URL with a host for protocol " + id);
            }
        } catch (final URISyntaxException e) {
            throw new InvalidRecordException(field, "is not a URL: " + e.getReason());
        }
        return endpoint;
    }
}
