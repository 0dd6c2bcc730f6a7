package io.trailwatch.identity.sigv4;

import java.util.List;
import java.util.Optional;

/**
 * The hashed payload that ends a canonical request, checked against the body that actually arrived.
 *
 * <p>With a signed Authorization header the body must be signed: the payload is the SHA-256 of the body, and an
 * {@code x-amz-content-sha256} header (the AWS SDK for Java always sends one) must state that same hash. Its other
 * values, {@code UNSIGNED-PAYLOAD} and the chunked {@code STREAMING-*} forms, would leave the body unauthenticated and
 * are refused.
 *
 * <p>A presigned URL may instead sign {@code UNSIGNED-PAYLOAD}, as S3-style presigners do; the AWS SDK for Java and
 * botocore sign the body's hash (for a GET, the hash of nothing), so both are tried. Either way the signature says
 * which the client meant: an attacker cannot turn one into the other.
 */
final class PayloadHash {

    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    static final String CONTENT_SHA256 = "x-amz-content-sha256";

    private PayloadHash() { }

    /** The payload hashes the signature may have been made with, most likely first. */
    static List<String> candidates(final SignedRequest request, final boolean presigned) {
        final String bodyHash = Hashing.sha256Hex(request.body());
        final Optional<String> declared = request.firstHeader(CONTENT_SHA256);
        if (declared.isEmpty()) {
            return presigned ? List.of(bodyHash, UNSIGNED_PAYLOAD) : List.of(bodyHash);
        }
        final String value = declared.get();
        if (value.equals(UNSIGNED_PAYLOAD)) {
            if (presigned) {
                return List.of(value);
            }
            throw AuthenticationException.incompleteSignature("x-amz-content-sha256 'UNSIGNED-PAYLOAD' is not "
                + "accepted: sign the request body.");
        }
        if (value.startsWith("STREAMING-")) {
            throw AuthenticationException.incompleteSignature("x-amz-content-sha256 '" + value + "' is not "
                + "accepted: chunked payload signing is not supported, sign the whole request body.");
        }
        if (!value.equalsIgnoreCase(bodyHash)) {
            throw AuthenticationException.signatureDoesNotMatch(
                "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        // The client signed the header's text, whatever its case.
        return List.of(value);
    }
}
