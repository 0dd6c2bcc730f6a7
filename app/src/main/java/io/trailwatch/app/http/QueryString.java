package io.trailwatch.app.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A URL query string built from parameters, for calls to Trailwatch's own API (from the CLI, between instances),
 * and the check that a request's query string names only parameters its API takes.
 */
public final class QueryString {

    /**
     * SigV4 query-string authentication (a presigned URL), which the access control verifies before any route runs:
     * a parameter of every route, listed in none.
     */
    public static final Set<String> AUTHENTICATION = Set.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
        "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Expires");

    private QueryString() {
    }

    /**
     * {@code ?a=1&b=2}, or empty; names and values URL-encoded, each list value a repeated parameter, and a null
     * list leaves its parameter out.
     */
    public static String of(final Map<String, List<String>> params) {
        final StringBuilder query = new StringBuilder();
        params.forEach((name, values) -> {
            if (values != null) {
                values.forEach(value -> query.append(query.length() == 0 ? '?' : '&')
                    .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
            }
        });
        return query.toString();
    }

    /**
     * Refuses any parameter not among {@code allowed} (matched exactly, as the routes read them): a 400 naming the
     * first unknown one, so that a misspelt or unsupported filter is not silently ignored. A stray {@code &}
     * ({@code ?&a=1}, an empty name without a value) is not a parameter; {@link #AUTHENTICATION} is always allowed.
     */
    public static void allowOnly(final Map<String, List<String>> params, final Collection<String> allowed) {
        for (final Map.Entry<String, List<String>> param : params.entrySet()) {
            final String name = param.getKey();
            if (allowed.contains(name) || AUTHENTICATION.contains(name) || isStray(name, param.getValue())) {
                continue;
            }
            throw new ApiErrors.BadRequest(name.isEmpty() ? "(empty name)" : name, allowed.isEmpty()
                ? "is not a parameter of this API, which takes no query parameters"
                : "is not a parameter of this API; its parameters are " + String.join(", ", new TreeSet<>(allowed))
                    + " (names are case-sensitive)");
        }
    }

    /** An empty name with no value: what {@code ?&a=1} or a trailing {@code &} leaves in the parameter map. */
    public static boolean isStray(final String name, final List<String> values) {
        return name.isEmpty() && (values == null || values.stream().allMatch(String::isEmpty));
    }
}
