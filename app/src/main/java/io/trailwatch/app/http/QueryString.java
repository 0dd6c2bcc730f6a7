package io.trailwatch.app.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A URL query string built from parameters, for calls to Trailwatch's own API (from the CLI, between instances). */
public final class QueryString {

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
}
