package io.trailwatch.identity.sigv4;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The canonical URI of a request to a service other than S3: the path as sent on the wire, normalized, then
 * URI-encoded once more (so {@code My%20Alarm} signs as {@code My%2520Alarm}).
 *
 * <p>Normalizing removes {@code .} and {@code ..} segments (RFC 3986 section 5.2.4, with a {@code ..} above the root
 * dropped) and empty segments from repeated slashes, and keeps a trailing slash only when the path ends with one.
 * That is what both AWS signers compute: botocore's {@code normalize_url_path} and the Java SDK's
 * {@code URI.normalize()} agree on it. Normalization works on the encoded path, so an escaped dot ({@code %2E}) or
 * slash ({@code %2F}) is data, never structure. An empty path is {@code /}.
 */
final class CanonicalUri {

    private CanonicalUri() { }

    /** The canonical URI of a raw, still percent-encoded, path. */
    static String of(final String rawPath) {
        return UriEncoding.encode(normalize(rawPath), true);
    }

    /** Removes dot segments and empty segments from a raw path. */
    static String normalize(final String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.equals("/")) {
            return "/";
        }
        final Deque<String> segments = new ArrayDeque<>();
        int start = 0;
        while (start <= rawPath.length()) {
            int end = rawPath.indexOf('/', start);
            if (end < 0) {
                end = rawPath.length();
            }
            final String segment = rawPath.substring(start, end);
            if (segment.equals("..")) {
                segments.pollLast();
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.addLast(segment);
            }
            start = end + 1;
        }
        final StringBuilder out = new StringBuilder(rawPath.length() + 1);
        for (final String segment : segments) {
            out.append('/').append(segment);
        }
        if (segments.isEmpty()) {
            return "/";
        }
        if (rawPath.endsWith("/")) {
            out.append('/');
        }
        return out.toString();
    }
}
