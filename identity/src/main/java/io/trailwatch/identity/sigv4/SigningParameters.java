package io.trailwatch.identity.sigv4;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a client declares about its signature, wherever it put it (Authorization header or presigned query): the
 * credential, which headers it signed, the signature, and when it signed. Parsed and checked for form only; whether
 * any of it is true is for {@link SigV4Verifier} to find out.
 *
 * @param credential        the access key id and credential scope
 * @param signedHeaders     the signed header names, in the order given
 * @param signedHeadersText SignedHeaders exactly as sent, which is what the canonical request holds
 * @param signature         the hex signature to check
 * @param amzDate           the signing time in basic format, as the string to sign holds it
 * @param signedAt          the signing time
 * @param expires           how long a presigned URL is valid (X-Amz-Expires), or null: then signing time +-15 min
 * @param presigned         whether the signature came in the query string
 */
record SigningParameters(Credential credential, List<String> signedHeaders, String signedHeadersText,
                         String signature, String amzDate, Instant signedAt, Duration expires, boolean presigned) {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    /**
     * Splits SignedHeaders at {@code ;} and checks that {@code host} is among them: without it a signature could be
     * replayed against another server that shares the key.
     */
    static List<String> signedHeaders(final String text) {
        final List<String> names = List.of(text.split(";", -1));
        for (final String name : names) {
            if (name.isEmpty()) {
                if (names.size() == 1) {
                    break;
                }
                throw AuthenticationException.incompleteSignature("SignedHeaders must be header names separated by "
                    + "';', got '" + text + "'.");
            }
        }
        if (!names.contains("host")) {
            throw AuthenticationException.incompleteSignature(
                "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        return names;
    }
}
