package io.trailwatch.identity.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * SigV4's URI encoding, which is stricter than {@link java.net.URLEncoder}: only the unreserved characters
 * {@code A-Z a-z 0-9 - _ . ~} stay as they are, a space is {@code %20} (never {@code +}), and hex digits are
 * upper-case. Signer and verifier must agree byte for byte, so the verifier never trusts the client's own encoding:
 * it decodes what came over the wire to bytes and encodes those bytes again.
 *
 * <p>Decoding works on bytes rather than characters, so an escape that is not UTF-8 (say {@code %FF}) survives the
 * round trip unchanged instead of turning into a replacement character and breaking the signature.
 */
final class UriEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoding() { }

    /** Whether SigV4 leaves this byte as it is. */
    static boolean isUnreserved(final int b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
            || b == '-' || b == '_' || b == '.' || b == '~';
    }

    /** Encodes text's UTF-8 bytes; with {@code keepSlashes} a {@code /} stays, as in the canonical URI. */
    static String encode(final String text, final boolean keepSlashes) {
        return encode(text.getBytes(StandardCharsets.UTF_8), keepSlashes);
    }

    /** Encodes bytes; with {@code keepSlashes} a {@code /} stays, as in the canonical URI. */
    static String encode(final byte[] bytes, final boolean keepSlashes) {
        final StringBuilder out = new StringBuilder(bytes.length + 16);
        for (final byte value : bytes) {
            final int b = value & 0xFF;
            if (isUnreserved(b) || (keepSlashes && b == '/')) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }

    /**
     * Decodes a query-string component to bytes. A {@code +} is a space: botocore sends spaces that way in a query
     * (and HTTP servers, Jetty included, hand {@code +} to the application as a space), so the verifier must read it
     * the way the request handler will.
     *
     * @throws IllegalArgumentException if a {@code %} is not followed by two hex digits
     */
    static byte[] decodeQueryComponent(final String raw) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            final char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new IllegalArgumentException("Truncated percent-escape in '" + raw + "'");
                }
                final int hi = Character.digit(raw.charAt(i + 1), 16);
                final int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("Invalid percent-escape in '" + raw + "'");
                }
                out.write((hi << 4) | lo);
                i += 2;
            } else if (c == '+') {
                out.write(' ');
            } else if (c < 0x80) {
                out.write(c);
            } else {
                // Not legal on the wire, but a server may hand over a raw non-ASCII character: take its UTF-8 bytes.
                final int codePoint = raw.codePointAt(i);
                final byte[] utf8 = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        return out.toByteArray();
    }
}
