package io.trailwatch.identity.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256 and HMAC-SHA256, the two primitives of AWS4-HMAC-SHA256, from the JDK's providers. Each call takes a fresh
 * {@link MessageDigest} or {@link Mac} (neither is thread-safe), which keeps the verifier free of shared mutable
 * state; the JDK caches the provider lookup, so this costs far less than the hashing itself.
 */
final class Hashing {

    private static final HexFormat HEX = HexFormat.of();

    private Hashing() { }

    static byte[] sha256(final byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("Every Java platform must support SHA-256", e);
        }
    }

    /** The lower-case hex SHA-256 of bytes, as SigV4's hashed payload and hashed canonical request are written. */
    static String sha256Hex(final byte[] data) {
        return HEX.formatHex(sha256(data));
    }

    static String sha256Hex(final String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmacSha256(final byte[] key, final String data) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("Every Java platform must support HmacSHA256", e);
        }
    }

    static String hex(final byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
