package io.trailwatch.sinks.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** gzip and SHA-256, as the archive's files and digests use them. */
public final class Compression {

    private Compression() {
    }

    /**
     * gzip at the level. The JDK writes a zero modification time in the header, so the same bytes always compress
     * to the same file: a rewritten object is identical to the first.
     */
    public static byte[] gzip(final byte[] data, final int level) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 8));
        try (GZIPOutputStream gzip = new LevelledGzipOutputStream(out, level)) {
            gzip.write(data);
        } catch (final IOException e) {
            throw new UncheckedIOException("gzip into memory failed", e);
        }
        return out.toByteArray();
    }

    /** The uncompressed content; IOException when the bytes are not gzip. */
    public static byte[] gunzip(final byte[] data) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return in.readAllBytes();
        }
    }

    /** Lower-case hex SHA-256 of the bytes. */
    public static String sha256Hex(final byte[] data) {
        return HexFormat.of().formatHex(sha256(data));
    }

    public static byte[] sha256(final byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static final class LevelledGzipOutputStream extends GZIPOutputStream {
        LevelledGzipOutputStream(final ByteArrayOutputStream out, final int level) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(level);
        }
    }
}
