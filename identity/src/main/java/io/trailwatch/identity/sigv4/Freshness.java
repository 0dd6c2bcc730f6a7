package io.trailwatch.identity.sigv4;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a signature is still, or already, valid at the server's time. A signed request is good for 15 minutes
 * either side of its signing time, which bounds how long a captured request can be replayed and tolerates clock
 * skew; a presigned URL with X-Amz-Expires is good from 15 minutes before its signing time until it expires.
 * Messages follow AWS's, so the SDKs recognise them and correct their clock skew.
 */
final class Freshness {

    static final Duration MAX_SKEW = Duration.ofMinutes(15);

    private Freshness() { }

    /**
     * @throws AuthenticationException RequestExpired if the signature is not valid at {@code now}
     */
    static void check(final SigningParameters signing, final Instant now) {
        final Instant signedAt = signing.signedAt();
        final Instant latest = now.plus(MAX_SKEW);
        if (signedAt.isAfter(latest)) {
            throw AuthenticationException.requestExpired("Signature not yet current: " + signing.amzDate()
                + " is still later than " + AmzDate.formatBasic(latest) + " (" + AmzDate.formatBasic(now)
                + " + 15 min.)");
        }
        if (signing.expires() != null) {
            final Instant expiresAt = signedAt.plus(signing.expires());
            if (now.isAfter(expiresAt)) {
                throw AuthenticationException.requestExpired("Request has expired: X-Amz-Date " + signing.amzDate()
                    + " + X-Amz-Expires " + signing.expires().toSeconds() + " sec. = "
                    + AmzDate.formatBasic(expiresAt) + " is now earlier than " + AmzDate.formatBasic(now) + ".");
            }
            return;
        }
        final Instant earliest = now.minus(MAX_SKEW);
        if (signedAt.isBefore(earliest)) {
            throw AuthenticationException.requestExpired("Signature expired: " + signing.amzDate()
                + " is now earlier than " + AmzDate.formatBasic(earliest) + " (" + AmzDate.formatBasic(now)
                + " - 15 min.)");
        }
    }
}
