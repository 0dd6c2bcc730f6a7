package io.trailwatch.identity.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Verifies AWS Signature Version 4 the way an AWS service does, so that requests signed by the AWS SDKs, botocore,
 * the AWS CLI and Trailwatch's own CLI are accepted unchanged. AWS publishes signers but no verifier; this is
 * Trailwatch's one implementation of the algorithm (described in AWS's "Create a signed AWS API request" and
 * "Authenticating Requests: Using Query Parameters"), checked in tests against the AWS SDK for Java's signer,
 * botocore and AWS's published test vector.
 *
 * <p>Two forms are accepted: an {@code Authorization: AWS4-HMAC-SHA256 ...} header, with X-Amz-Date (or Date), and
 * a presigned URL with the X-Amz-* query parameters. Verification recomputes the signature from the request as it
 * arrived:
 * <ol>
 *   <li>canonical request: method, {@link CanonicalUri}, canonical query ({@link QueryParameters}),
 *       {@link CanonicalHeaders} of the signed headers, SignedHeaders, {@link PayloadHash};</li>
 *   <li>string to sign: {@code AWS4-HMAC-SHA256}, the signing time, the credential scope and the canonical request's
 *       SHA-256;</li>
 *   <li>signature: HMAC-SHA256 of the string to sign with the scope's signing key ({@link SigningKeyCache}),
 *       compared with the client's in constant time, so timing reveals nothing about how much of it was right.</li>
 * </ol>
 * Before that it refuses, with the codes and messages AWS uses ({@link AuthenticationException}): a credential
 * scope for another region, a service the caller does not accept, a scope date other than the signing date, a
 * signature outside the 15-minute window or a presigned URL past its expiry, any session token (Trailwatch issues
 * none) and an unknown access key.
 *
 * <p>Thread-safe and meant to be shared: it runs on every API call. The per-request cost is hashing the body and the
 * canonical request and one HMAC; signing keys are derived once per key, day and service and cached.
 */
public final class SigV4Verifier {

    private static final String SECURITY_TOKEN = "X-Amz-Security-Token";

    private final Clock clock;
    private final SecretLookup secrets;
    private final String region;
    private final SigningKeyCache signingKeys;

    /**
     * @param clock   the server's clock, against which signing times are checked
     * @param secrets finds the secret of an access key id
     * @param region  the server's region; credentials must be scoped to it, as AWS requires of a regional endpoint
     */
    public SigV4Verifier(final Clock clock, final SecretLookup secrets, final String region) {
        this(clock, secrets, region, SigningKeyCache.DEFAULT_CAPACITY);
    }

    SigV4Verifier(final Clock clock, final SecretLookup secrets, final String region, final int keyCacheCapacity) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.region = Objects.requireNonNull(region, "region");
        this.signingKeys = new SigningKeyCache(keyCacheCapacity);
    }

    /**
     * Verifies a request's signature.
     *
     * @param request          the request exactly as received
     * @param acceptedServices the service names the credential scope may name here, e.g. {@code monitoring} on the
     *                         CloudWatch endpoint; a front end that speaks several APIs accepts several
     * @return who signed, and for which scope
     * @throws AuthenticationException if the request is not authentically signed by a known key, now
     */
    public Verified verify(final SignedRequest request, final Set<String> acceptedServices) {
        Objects.requireNonNull(request, "request");
        if (acceptedServices == null || acceptedServices.isEmpty()) {
            throw new IllegalArgumentException("acceptedServices must name at least one service");
        }
        final QueryParameters query = QueryParameters.parse(request.rawQuery());
        final SigningParameters signing = signingParameters(request, query);
        final Credential credential = signing.credential();
        checkScope(signing, acceptedServices);
        Freshness.check(signing, clock.instant());
        if (request.firstHeader(SECURITY_TOKEN).isPresent() || query.contains(SECURITY_TOKEN)) {
            throw AuthenticationException.invalidClientTokenId();
        }
        final Optional<String> secret = secrets.secretFor(credential.accessKeyId());
        if (secret.isEmpty()) {
            throw AuthenticationException.invalidClientTokenId();
        }

        final String canonicalRequestWithoutPayload = request.method() + '\n'
            + CanonicalUri.of(request.rawPath()) + '\n'
            + query.canonical(signing.presigned() ? PresignedQuery.SIGNATURE : null) + '\n'
            + CanonicalHeaders.of(request, signing.signedHeaders()) + '\n'
            + signing.signedHeadersText() + '\n';
        final byte[] signingKey = signingKeys.signingKey(secret.get(), credential);
        final byte[] provided = signing.signature().getBytes(StandardCharsets.US_ASCII);
        boolean matches = false;
        for (final String payloadHash : PayloadHash.candidates(request, signing.presigned())) {
            final String stringToSign = SigningParameters.ALGORITHM + '\n'
                + signing.amzDate() + '\n'
                + credential.scope() + '\n'
                + Hashing.sha256Hex(canonicalRequestWithoutPayload + payloadHash);
            final byte[] expected = Hashing.hex(Hashing.hmacSha256(signingKey, stringToSign))
                .getBytes(StandardCharsets.US_ASCII);
            matches |= MessageDigest.isEqual(expected, provided);
        }
        if (!matches) {
            throw AuthenticationException.signatureDoesNotMatch();
        }
        return new Verified(credential.accessKeyId(), credential.service(), credential.region(), signing.signedAt());
    }

    /** Finds the authentication the request carries: header or query, never both, never neither. */
    private static SigningParameters signingParameters(final SignedRequest request, final QueryParameters query) {
        final Optional<String> authorization = request.firstHeader("Authorization");
        final boolean presigned = PresignedQuery.isPresent(query);
        if (authorization.isPresent() && presigned) {
            throw AuthenticationException.incompleteSignature("Only one auth mechanism allowed; only the "
                + "X-Amz-Algorithm query parameter or the Authorization header should be specified.");
        }
        if (authorization.isPresent()) {
            return AuthorizationHeader.parse(authorization.get(), request);
        }
        if (presigned) {
            return PresignedQuery.parse(query);
        }
        throw AuthenticationException.missingAuthenticationToken();
    }

    /**
     * Checks the credential scope names this server's region, an accepted service, the right terminator and the
     * signing date; AWS answers each with SignatureDoesNotMatch and a message saying what was wrong.
     */
    private void checkScope(final SigningParameters signing, final Set<String> acceptedServices) {
        final Credential credential = signing.credential();
        if (!credential.region().equals(region)) {
            throw AuthenticationException.signatureDoesNotMatch("Credential should be scoped to a valid region, not '"
                + credential.region() + "'.");
        }
        if (!acceptedServices.contains(credential.service())) {
            throw AuthenticationException.signatureDoesNotMatch("Credential should be scoped to correct service: '"
                + String.join("' or '", new TreeSet<>(acceptedServices)) + "'.");
        }
        if (!credential.terminator().equals(Credential.TERMINATOR)) {
            throw AuthenticationException.signatureDoesNotMatch("Credential should be scoped with a valid "
                + "terminator: '" + Credential.TERMINATOR + "', not '" + credential.terminator() + "'.");
        }
        final String signingDate = signing.amzDate().substring(0, 8);
        if (!credential.date().equals(signingDate)) {
            throw AuthenticationException.signatureDoesNotMatch("Date in Credential scope does not match YYYYMMDD "
                + "from ISO-8601 version of date from HTTP: '" + credential.date() + "' != '" + signingDate
                + "', from '" + signing.amzDate() + "'.");
        }
    }
}
