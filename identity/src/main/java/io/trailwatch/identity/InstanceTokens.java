package io.trailwatch.identity;

import io.trailwatch.identity.internals.Hmac;
import java.time.Clock;
import java.time.Duration;

/**
 * How instances of one deployment authenticate the queries they forward to each other (a lookup asked of one
 * instance gathers the partitions others hold): a header binding method, path and query and the time, tagged with
 * a key derived from the shared identity key. Reads are forwarded, and the few calls made for instances (stopping
 * a query where it runs); the original call is the audited one.
 */
public final class InstanceTokens {

    public static final String HEADER = "X-Trailwatch-Instance";
    private static final Duration VALID_FOR = Duration.ofMinutes(5);

    private final Hmac hmac;
    private final Clock clock;

    public InstanceTokens(final IdentityKey key, final Clock clock) {
        this.hmac = new Hmac(key.derive("instance-requests"));
        this.clock = clock;
    }

    /** The header value for a request of this method to this path and query. */
    public String sign(final String method, final String pathAndQuery) {
        final long now = clock.instant().getEpochSecond();
        return now + "." + hmac.tag(now + "\n" + method + "\n" + pathAndQuery);
    }

    public boolean verify(final String method, final String pathAndQuery, final String header) {
        if (header == null) {
            return false;
        }
        final int dot = header.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        final long signedAt;
        try {
            signedAt = Long.parseLong(header.substring(0, dot));
        } catch (final NumberFormatException e) {
            return false;
        }
        return Math.abs(clock.instant().getEpochSecond() - signedAt) <= VALID_FOR.toSeconds()
            && hmac.verify(signedAt + "\n" + method + "\n" + pathAndQuery, header.substring(dot + 1));
    }
}
