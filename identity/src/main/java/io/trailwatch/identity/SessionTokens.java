package io.trailwatch.identity;

import io.trailwatch.identity.internals.Hmac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Console sessions made from an access key: the browser holds the token in an HttpOnly, SameSite=Strict cookie and
 * sends the session's CSRF token in a header with every write. Tokens are stateless and tagged with a key derived
 * from the identity key, so any instance of the deployment accepts them; the key behind a session is still looked
 * up on every request, so deleting or deactivating the key ends its sessions.
 */
public final class SessionTokens {

    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(12);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final Hmac hmac;
    private final Clock clock;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();

    public SessionTokens(final IdentityKey key, final Clock clock, final Duration lifetime) {
        this.hmac = new Hmac(key.derive("console-sessions"));
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A session of the key's holder; the CSRF token goes to the page, the token to the cookie. */
    public record Session(String token, String accessKeyId, String csrfToken, Instant expiresAt) {

        /** Whether the header carries this session's CSRF token (constant-time). */
        public boolean csrfMatches(final String header) {
            return header != null && MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.US_ASCII),
                header.getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public String toString() {
            return "Session[" + accessKeyId + ", expires " + expiresAt + "]";
        }
    }

    public Session issue(final String accessKeyId) {
        final byte[] csrf = new byte[24];
        random.nextBytes(csrf);
        final String csrfToken = ENCODER.encodeToString(csrf);
        final Instant expiresAt = clock.instant().plus(lifetime).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        final String payload = ENCODER.encodeToString((accessKeyId + "|" + expiresAt.getEpochSecond() + "|"
            + csrfToken).getBytes(StandardCharsets.UTF_8));
        return new Session(payload + "." + hmac.tag(payload), accessKeyId, csrfToken, expiresAt);
    }

    /** The session of a token this deployment issued and that has not expired. */
    public Optional<Session> verify(final String token) {
        if (token == null) {
            return Optional.empty();
        }
        final int dot = token.indexOf('.');
        if (dot <= 0 || !hmac.verify(token.substring(0, dot), token.substring(dot + 1))) {
            return Optional.empty();
        }
        final String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8)
                .split("\\|", -1);
        } catch (final IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (parts.length != 3) {
            return Optional.empty();
        }
        final Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[1]));
        return clock.instant().isBefore(expiresAt)
            ? Optional.of(new Session(token, parts[0], parts[2], expiresAt)) : Optional.empty();
    }
}
