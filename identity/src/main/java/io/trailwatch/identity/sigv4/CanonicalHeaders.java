package io.trailwatch.identity.sigv4;

import java.util.List;

/**
 * The canonical headers block of a SigV4 canonical request: one {@code name:value} line per signed header, in the
 * order the client listed them in SignedHeaders (which a conforming client sorts), each value trimmed with runs of
 * whitespace collapsed to one space, and a header's several values joined with commas.
 *
 * <p>Only the headers the client says it signed take part; a proxy may add or drop others. A signed header that is
 * missing from the request signs as an empty value, which then simply fails to match the client's signature.
 */
final class CanonicalHeaders {

    private CanonicalHeaders() { }

    /** The canonical headers block, each line ending with a newline. */
    static String of(final SignedRequest request, final List<String> signedHeaderNames) {
        final StringBuilder out = new StringBuilder(512);
        for (final String name : signedHeaderNames) {
            out.append(name).append(':');
            final List<String> values = request.headerValues(name);
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                appendTrimmed(out, values.get(i));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * Appends a header value with leading and trailing whitespace removed and each inner run of whitespace replaced
     * by one space: SigV4's {@code Trimall}, with the whitespace characters the AWS SDK for Java uses.
     */
    static void appendTrimmed(final StringBuilder out, final String value) {
        boolean pendingSpace = false;
        boolean started = false;
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (isWhitespace(c)) {
                pendingSpace = started;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
                started = true;
            }
        }
    }

    private static boolean isWhitespace(final char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\r' || c == '\f';
    }
}
