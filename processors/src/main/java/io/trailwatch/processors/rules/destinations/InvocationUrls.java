package io.trailwatch.processors.rules.destinations;

import io.trailwatch.schemas.json.InvalidRecordException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * The URLs EventBridge calls for API destinations and OAuth connections: HTTPS, as EventBridge requires, with one
 * exception for a receiver on this machine's loopback interface, which may be plain HTTP (nothing leaves the host).
 */
final class InvocationUrls {

    /** EventBridge's limit on InvocationEndpoint and AuthorizationEndpoint. */
    static final int MAX_LENGTH = 2048;
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private InvocationUrls() {
    }

    static String require(final String field, final String url) {
        if (url == null || url.isEmpty()) {
            throw new InvalidRecordException(field, "is required");
        }
        if (url.length() > MAX_LENGTH) {
            throw new InvalidRecordException(field, "must be at most " + MAX_LENGTH + " characters");
        }
        final URI uri;
        try {
            uri = new URI(url);
        } catch (final URISyntaxException e) {
            throw new InvalidRecordException(field, "is not a URL: " + e.getReason());
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new InvalidRecordException(field, "must be an https:// URL with a host and no user information "
                + "(credentials belong in the connection)");
        }
        final boolean https = "https".equalsIgnoreCase(uri.getScheme());
        final boolean loopbackHttp = "http".equalsIgnoreCase(uri.getScheme()) && LOOPBACK.contains(uri.getHost());
        if (!https && !loopbackHttp) {
            throw new InvalidRecordException(field, "must be an https:// URL (http:// only for localhost)");
        }
        return url;
    }
}
