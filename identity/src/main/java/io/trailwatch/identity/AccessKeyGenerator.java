package io.trailwatch.identity;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * New access key ids and secrets in AWS's format, so that every AWS tool accepts them: a 20-character id of
 * {@code AKIA} and 16 base-32 characters (80 random bits), and a 40-character secret (240 random bits).
 */
public final class AccessKeyGenerator {

    private static final String ID_PREFIX = "AKIA";
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final int ID_RANDOM_CHARS = 16;
    private static final int SECRET_BYTES = 30;

    private final SecureRandom random = new SecureRandom();

    public String newAccessKeyId() {
        final StringBuilder id = new StringBuilder(ID_PREFIX);
        for (int i = 0; i < ID_RANDOM_CHARS; i++) {
            id.append(BASE32[random.nextInt(BASE32.length)]);
        }
        return id.toString();
    }

    public String newSecretAccessKey() {
        final byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** A user's id as IAM forms them ({@code AIDA} and 17 characters). */
    public String newUserId() {
        final StringBuilder id = new StringBuilder("AIDA");
        for (int i = 0; i < ID_RANDOM_CHARS + 1; i++) {
            id.append(BASE32[random.nextInt(BASE32.length)]);
        }
        return id.toString();
    }
}
