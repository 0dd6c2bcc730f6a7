package io.trailwatch.identity.internals;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 tags over text with one key, and their constant-time comparison. */
public final class Hmac {

    private final SecretKeySpec key;

    public Hmac(final byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** The tag of the text, base64url without padding. */
    public String tag(final String text) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public boolean verify(final String text, final String tag) {
        return tag != null && MessageDigest.isEqual(tag(text).getBytes(StandardCharsets.US_ASCII),
            tag.getBytes(StandardCharsets.US_ASCII));
    }
}
