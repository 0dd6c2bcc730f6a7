package io.trailwatch.identity.sigv4;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...} and the request's
 * signing time (X-Amz-Date, or an RFC 1123 {@code Date} header when there is no X-Amz-Date), refusing anything
 * malformed with AWS's own IncompleteSignature messages.
 */
final class AuthorizationHeader {

    private static final String CREDENTIAL = "Credential";
    private static final String SIGNED_HEADERS = "SignedHeaders";
    private static final String SIGNATURE = "Signature";

    private AuthorizationHeader() { }

    static SigningParameters parse(final String header, final SignedRequest request) {
        final String trimmed = header.trim();
        final int space = trimmed.indexOf(' ');
        final String algorithm = space < 0 ? trimmed : trimmed.substring(0, space);
        final Optional<String> amzDate = request.firstHeader("X-Amz-Date");
        final Optional<String> httpDate = request.firstHeader("Date");
        if (!algorithm.equals(SigningParameters.ALGORITHM)) {
            if (algorithm.startsWith("AWS")) {
                throw AuthenticationException.incompleteSignature("Unsupported AWS 'algorithm': '" + algorithm
                    + "'. Trailwatch supports only " + SigningParameters.ALGORITHM + ".");
            }
            // Not AWS authentication at all (e.g. a bearer token): AWS lists everything that is missing.
            throw missing(Map.of(), amzDate.isPresent() || httpDate.isPresent(), header);
        }

        final Map<String, String> fields = new HashMap<>();
        if (space >= 0) {
            // AWS splits at commas and whitespace, so "Credential= AKID/..." is reported as two malformed pairs.
            for (final String pair : trimmed.substring(space + 1).trim().split("[,\\s]+")) {
                if (pair.isEmpty()) {
                    continue;
                }
                final int equals = pair.indexOf('=');
                if (equals <= 0) {
                    throw AuthenticationException.incompleteSignature("'" + pair + "' not a valid key=value pair "
                        + "(missing equal-sign) in Authorization header: '" + header + "'.");
                }
                if (fields.putIfAbsent(pair.substring(0, equals), pair.substring(equals + 1)) != null) {
                    throw AuthenticationException.incompleteSignature("'" + pair.substring(0, equals)
                        + "' appears more than once in Authorization header: '" + header + "'.");
                }
            }
        }
        if (!fields.containsKey(CREDENTIAL) || !fields.containsKey(SIGNED_HEADERS) || !fields.containsKey(SIGNATURE)
            || (amzDate.isEmpty() && httpDate.isEmpty())) {
            throw missing(fields, amzDate.isPresent() || httpDate.isPresent(), header);
        }

        final Credential credential = Credential.parse(fields.get(CREDENTIAL));
        final String signedHeadersText = fields.get(SIGNED_HEADERS);
        final List<String> signedHeaders = SigningParameters.signedHeaders(signedHeadersText);
        final String dateHeader = amzDate.isPresent() ? "x-amz-date" : "date";
        if (!signedHeaders.contains(dateHeader)) {
            throw AuthenticationException.incompleteSignature("'" + (amzDate.isPresent() ? "X-Amz-Date" : "Date")
                + "' must be a 'SignedHeader' in the AWS Authorization.");
        }
        final Instant signedAt = amzDate.isPresent()
            ? AmzDate.parseBasic(amzDate.get().trim())
            : AmzDate.parseHttpDate(httpDate.get());
        return new SigningParameters(credential, signedHeaders, signedHeadersText, fields.get(SIGNATURE),
            AmzDate.formatBasic(signedAt), signedAt, null, false);
    }

    /** AWS's message for an incomplete Authorization header: every missing part, then the header itself. */
    private static AuthenticationException missing(final Map<String, String> fields, final boolean hasDate,
                                                   final String header) {
        final StringBuilder message = new StringBuilder();
        for (final String field : List.of(CREDENTIAL, SIGNATURE, SIGNED_HEADERS)) {
            if (!fields.containsKey(field)) {
                message.append("Authorization header requires '").append(field).append("' parameter. ");
            }
        }
        if (!hasDate) {
            message.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        return AuthenticationException.incompleteSignature(message.append("Authorization=").append(header)
            .toString());
    }
}
