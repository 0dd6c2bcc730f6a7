package io.trailwatch.aws.internals;

import io.trailwatch.aws.AwsError;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Request bodies as the SDKs send them: CloudWatch's PutMetricData is gzip-compressed by the AWS SDKs and CLI once it
 * is larger than 10 KB ({@code Content-Encoding: gzip}, the signature covering the compressed bytes). Decompressed
 * with a bound, so that a small compressed body cannot expand without limit.
 */
public final class ContentEncoding {

    /** Far above any operation's own limit (1 MB), far below what would hurt the server. */
    public static final int MAX_DECODED_BYTES = 4 * 1024 * 1024;

    private ContentEncoding() {
    }

    /** The body as the operation reads it; {@code encoding} is the request's Content-Encoding, or null. */
    public static byte[] decode(final String encoding, final byte[] body) {
        if (encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity")) {
            return body;
        }
        if (!encoding.trim().toLowerCase(Locale.ROOT).equals("gzip")) {
            throw AwsError.of("UnsupportedMediaTypeException", "UnsupportedMediaType", 415, "Content-Encoding "
                + encoding.trim() + " is not supported; send gzip or nothing");
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            final ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(MAX_DECODED_BYTES,
                Math.max(32, body.length * 4)));
            final byte[] buffer = new byte[16 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                if (out.size() + read > MAX_DECODED_BYTES) {
                    throw AwsError.of("RequestEntityTooLargeException", "RequestEntityTooLarge", 413,
                        "the decompressed request is larger than " + MAX_DECODED_BYTES + " bytes");
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        } catch (final IOException e) {
            throw AwsError.serialization("the body is not valid gzip: " + e.getMessage());
        }
    }
}
