package io.trailwatch.identity.internals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts access-key secrets for the identity topic: AES-256-GCM with a random 96-bit nonce, the access key id as
 * associated data (a ciphertext moved to another key id does not decrypt). Text form: {@code v1:<base64 nonce|ct>}.
 */
public final class SecretCipher {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(final byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    public String encrypt(final String secret, final String accessKeyId) {
        final byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            final Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, accessKeyId);
            final byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                .put(nonce).put(sealed).array());
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a secret", e);
        }
    }

    /** The secret; throws when the text was not sealed by this key for this access key id. */
    public String decrypt(final String sealed, final String accessKeyId) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("secret of " + accessKeyId + " is not in a known format");
        }
        final byte[] bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        final byte[] nonce = java.util.Arrays.copyOf(bytes, NONCE_BYTES);
        try {
            final Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, accessKeyId);
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("secret of " + accessKeyId + " does not decrypt with this data "
                + "directory's identity key (another deployment's key?)", e);
        }
    }

    private Cipher cipher(final int mode, final byte[] nonce, final String accessKeyId)
        throws GeneralSecurityException {
        final Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(accessKeyId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
