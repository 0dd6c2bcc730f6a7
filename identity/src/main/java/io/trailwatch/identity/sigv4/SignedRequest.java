package io.trailwatch.identity.sigv4;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP request exactly as it arrived, which is what a SigV4 signature covers. The path and query must be the raw
 * text from the request line, still percent-encoded: a server framework's decoded path or parameter map has already
 * lost the distinction between {@code %2F} and {@code /}, or {@code %20} and {@code +}, that the signature depends
 * on.
 *
 * <p>Header names are looked up case-insensitively, as HTTP requires: the constructor copies whatever map it is given
 * into a case-insensitive one (merging names that differ only in case), so {@code headers().get("host")} finds a
 * {@code Host} header. Each list element is one header field as received; SigV4 joins a name's fields with commas.
 * An HTTP/2 server must pass the {@code :authority} pseudo-header as {@code host}.
 *
 * <p>The body is not copied (it may be large) and must not be changed after the request is built.
 *
 * @param method   the HTTP method as sent, e.g. {@code GET}
 * @param rawPath  the path as on the wire, e.g. {@code /v1/alarms/My%20Alarm}; empty is read as {@code /}
 * @param rawQuery the query string as on the wire without the {@code ?}, or null if the request has none
 * @param headers  every header field received, by name
 * @param body     the request body; empty, never null, when there is none
 */
public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                            byte[] body) {

    private static final byte[] NO_BODY = new byte[0];

    /** Copies the headers into an unmodifiable, case-insensitive map and reads a null body as empty. */
    public SignedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        headers = caseInsensitiveCopy(Objects.requireNonNull(headers, "headers"));
        body = body == null ? NO_BODY : body;
    }

    /** A request as received; see the class comment for what each part must hold. */
    public static SignedRequest of(final String method, final String rawPath, final String rawQuery,
                                   final Map<String, List<String>> headers, final byte[] body) {
        return new SignedRequest(method, rawPath, rawQuery, headers, body);
    }

    /** Every value of a header, in the order received; empty if the request has none. */
    public List<String> headerValues(final String name) {
        final List<String> values = headers.get(name);
        return values == null ? List.of() : values;
    }

    /** The first value of a header. */
    public Optional<String> firstHeader(final String name) {
        final List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static Map<String, List<String>> caseInsensitiveCopy(final Map<String, List<String>> headers) {
        final TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (final Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey() == null || header.getValue() == null) {
                continue;
            }
            copy.computeIfAbsent(header.getKey(), name -> new ArrayList<>()).addAll(header.getValue());
        }
        copy.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(copy);
    }
}
