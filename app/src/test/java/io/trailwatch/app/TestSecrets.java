package io.trailwatch.app;

/** Wrong secrets for tests of refusals. */
public final class TestSecrets {

    private TestSecrets() {
    }

    /**
     * The secret with its first character changed: always a different secret (replacing it with a fixed "x" was
     * the same secret whenever the random secret began with "x", one run in 64).
     */
    public static String otherThan(final String secret) {
        return (secret.charAt(0) == 'x' ? "y" : "x") + secret.substring(1);
    }
}
