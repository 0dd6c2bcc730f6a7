package io.trailwatch.identity.sigv4;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads query-string authentication, a presigned URL: {@code X-Amz-Algorithm}, {@code X-Amz-Credential},
 * {@code X-Amz-Date}, {@code X-Amz-SignedHeaders}, {@code X-Amz-Signature} and, optionally, {@code X-Amz-Expires}
 * (at most 604800 seconds, seven days, as AWS allows; without it the URL is valid 15 minutes either side of
 * X-Amz-Date, like a signed header). Each may appear once: a repeated one would let the canonical query and the
 * value checked here disagree.
 */
final class PresignedQuery {

    static final String ALGORITHM = "X-Amz-Algorithm";
    static final String CREDENTIAL = "X-Amz-Credential";
    static final String DATE = "X-Amz-Date";
    static final String SIGNED_HEADERS = "X-Amz-SignedHeaders";
    static final String SIGNATURE = "X-Amz-Signature";
    static final String EXPIRES = "X-Amz-Expires";
    static final long MAX_EXPIRES_SECONDS = 604_800;

    private static final List<String> REQUIRED = List.of(ALGORITHM, CREDENTIAL, SIGNATURE, DATE, SIGNED_HEADERS);

    private PresignedQuery() { }

    /** Whether the query carries (perhaps incomplete) query-string authentication. */
    static boolean isPresent(final QueryParameters query) {
        return query.contains(ALGORITHM) || query.contains(CREDENTIAL) || query.contains(SIGNATURE);
    }

    static SigningParameters parse(final QueryParameters query) {
        final List<String> missing = new ArrayList<>();
        for (final String name : REQUIRED) {
            if (!query.contains(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw AuthenticationException.incompleteSignature("Query-string authentication version 4 requires the "
                + "X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date and X-Amz-SignedHeaders "
                + "parameters; missing " + String.join(", ", missing) + ".");
        }
        for (final String name : List.of(ALGORITHM, CREDENTIAL, SIGNATURE, DATE, SIGNED_HEADERS, EXPIRES)) {
            if (query.count(name) > 1) {
                throw AuthenticationException.incompleteSignature("Query-string authentication parameter " + name
                    + " appears more than once.");
            }
        }
        if (!query.first(ALGORITHM).orElseThrow().equals(SigningParameters.ALGORITHM)) {
            throw AuthenticationException.incompleteSignature(
                "X-Amz-Algorithm only supports \"" + SigningParameters.ALGORITHM + "\"");
        }
        final Credential credential = Credential.parse(query.first(CREDENTIAL).orElseThrow());
        final String signedHeadersText = query.first(SIGNED_HEADERS).orElseThrow();
        final List<String> signedHeaders = SigningParameters.signedHeaders(signedHeadersText);
        final String amzDate = query.first(DATE).orElseThrow();
        final Instant signedAt = AmzDate.parseBasic(amzDate);
        final Duration expires = query.first(EXPIRES).map(PresignedQuery::expires).orElse(null);
        return new SigningParameters(credential, signedHeaders, signedHeadersText, query.first(SIGNATURE).orElseThrow(),
            amzDate, signedAt, expires, true);
    }

    private static Duration expires(final String value) {
        final long seconds;
        try {
            seconds = Long.parseLong(value);
        } catch (final NumberFormatException e) {
            throw AuthenticationException.incompleteSignature("X-Amz-Expires should be a number");
        }
        if (seconds < 0) {
            throw AuthenticationException.incompleteSignature("X-Amz-Expires must be non-negative");
        }
        if (seconds > MAX_EXPIRES_SECONDS) {
            throw AuthenticationException.incompleteSignature(
                "X-Amz-Expires must be less than a week (in seconds) that is " + MAX_EXPIRES_SECONDS);
        }
        return Duration.ofSeconds(seconds);
    }
}
