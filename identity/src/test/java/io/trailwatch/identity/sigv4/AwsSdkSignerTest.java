package io.trailwatch.identity.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * What AWS's own signer produces must verify: requests signed by the AWS SDK for Java v2's {@link AwsV4HttpSigner},
 * which Trailwatch's CLI uses, turned into what a server receives on the wire (the SDK's encoded path and raw query
 * string, every header the SDK set) and verified; and every kind of tampering or wrong scope is refused with AWS's
 * error code.
 */
class AwsSdkSignerTest {

    private static final String ACCESS_KEY_ID = "AKIATRAILWATCHSDK001";
    private static final String SECRET = "tW/sdk+Secret0123456789abcdefghijklmnopq";
    private static final String REGION = "us-east-1";
    private static final String SERVICE = "trailwatch";
    private static final Set<String> ACCEPTED = Set.of(SERVICE, "monitoring");
    private static final Instant NOW = Instant.parse("2025-03-14T09:26:53Z");

    private final SigV4Verifier verifier = verifierAt(NOW, SECRET);

    private static SigV4Verifier verifierAt(final Instant now, final String secret) {
        return new SigV4Verifier(Clock.fixed(now, ZoneOffset.UTC),
            id -> id.equals(ACCESS_KEY_ID) ? Optional.of(secret) : Optional.empty(), REGION);
    }

    private static SdkHttpRequest.Builder request(final SdkHttpMethod method, final String encodedPath) {
        return SdkHttpRequest.builder().method(method).protocol("https").host("trailwatch.example.com").port(8443)
            .encodedPath(encodedPath);
    }

    /** Signs with the SDK's signer in header mode at {@code at}, as the SDK would at that time. */
    private static SignedRequest signed(final SdkHttpRequest request, final byte[] body, final Instant at) {
        return signed(request, body, at, AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET), builder -> { });
    }

    private static SignedRequest signed(final SdkHttpRequest request, final byte[] body, final Instant at,
                                        final AwsCredentialsIdentity credentials,
                                        final Consumer<SignRequest.Builder<AwsCredentialsIdentity>> extra) {
        final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
        final SdkHttpRequest signedRequest = signer.sign(builder -> {
            builder.identity(credentials)
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC));
            if (body != null) {
                builder.payload(ContentStreamProvider.fromByteArray(body));
            }
            extra.accept(builder);
        }).request();
        return onTheWire(signedRequest, body);
    }

    /**
     * The signed request as an HTTP server receives it: the request line carries the encoded path (a client cannot
     * send an empty one, it sends {@code /}) and the encoded query; the headers are those the SDK set, Host included.
     */
    private static SignedRequest onTheWire(final SdkHttpRequest request, final byte[] body) {
        final String path = request.encodedPath().isEmpty() ? "/" : request.encodedPath();
        return SignedRequest.of(request.method().name(), path, request.encodedQueryParameters().orElse(null),
            request.headers(), body);
    }

    private static SignedRequest withHeader(final SignedRequest request, final String name, final String value) {
        final Map<String, List<String>> headers = new HashMap<>(request.headers());
        headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
        if (value != null) {
            headers.put(name, List.of(value));
        }
        return SignedRequest.of(request.method(), request.rawPath(), request.rawQuery(), headers, request.body());
    }

    private static SignedRequest withQuery(final SignedRequest request, final String rawQuery) {
        return SignedRequest.of(request.method(), request.rawPath(), rawQuery, request.headers(), request.body());
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private SigV4Verifier verifierAt(final Instant now) {
        return verifierAt(now, SECRET);
    }

    private static void assertRefused(final Runnable verification, final String code, final String message) {
        assertThatThrownBy(verification::run)
            .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                assertThat(e.code()).isEqualTo(code);
                assertThat(e.httpStatus()).isEqualTo(403);
            })
            .hasMessageContaining(message);
    }

    private SignedRequest queryGet() {
        return signed(request(SdkHttpMethod.GET, "/v1/metrics")
            .appendRawQueryParameter("Filter", "a b+c/d=e&f")
            .appendRawQueryParameter("City", "Zürich ☃ 東京")
            .appendRawQueryParameter("Tag", "b")
            .appendRawQueryParameter("Tag", "a")
            .appendRawQueryParameter("Tag", "a b")
            .appendRawQueryParameter("Empty", "")
            .appendRawQueryParameter("Star*Tilde~", "*~")
            .build(), null, NOW);
    }

    private SignedRequest jsonPost() {
        return signed(request(SdkHttpMethod.POST, "/v1/alarms")
            .putHeader("Content-Type", "application/json")
            .build(), utf8("{\"AlarmName\":\"High CPU\",\"Threshold\":90.5}"), NOW);
    }

    @Test
    void getWithSpacesPlusSlashEqualsUnicodeAndRepeatedNamesVerifies() {
        final SignedRequest request = queryGet();
        assertThat(request.rawQuery()).contains("a%20b%2Bc%2Fd%3De%26f").contains("Z%C3%BCrich");

        final Verified verified = verifier.verify(request, ACCEPTED);

        assertThat(verified).isEqualTo(new Verified(ACCESS_KEY_ID, SERVICE, REGION, NOW));
    }

    @Test
    void postWithJsonBodyVerifies() {
        final SignedRequest request = jsonPost();
        assertThat(request.headers()).containsKeys("x-amz-content-sha256", "Host", "X-Amz-Date", "Authorization");

        assertThat(verifier.verify(request, ACCEPTED).accessKeyId()).isEqualTo(ACCESS_KEY_ID);
    }

    @Test
    void pathWithAPercentEncodedSegmentVerifies() {
        final SignedRequest request = signed(request(SdkHttpMethod.DELETE, "/v1/alarms/My%20Alarm%2F1").build(),
            null, NOW);
        assertThat(request.rawPath()).isEqualTo("/v1/alarms/My%20Alarm%2F1");

        assertThat(verifier.verify(request, ACCEPTED).service()).isEqualTo(SERVICE);
        // The segment is data: decoding it to "My Alarm/1" (one segment too many) must not verify.
        assertRefused(() -> verifier.verify(SignedRequest.of("DELETE", "/v1/alarms/My%20Alarm/1", null,
            request.headers(), request.body()), ACCEPTED), "SignatureDoesNotMatch",
            AuthenticationException.SIGNATURE_DOES_NOT_MATCH_MESSAGE);
    }

    @Test
    void emptyPathVerifiesAsSlash() {
        final SignedRequest request = signed(request(SdkHttpMethod.GET, "").build(), null, NOW);
        assertThat(request.rawPath()).isEqualTo("/");

        verifier.verify(request, ACCEPTED);
        verifier.verify(SignedRequest.of("GET", "", null, request.headers(), request.body()), ACCEPTED);
    }

    @Test
    void wrongSecretDoesNotMatch() {
        assertRefused(() -> verifierAt(NOW, SECRET + "x").verify(jsonPost(), ACCEPTED), "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
                + "Access Key and signing method. Consult the service documentation for details.");
    }

    @Test
    void unknownAccessKeyIsAnInvalidClientToken() {
        final SigV4Verifier knowsNobody = new SigV4Verifier(Clock.fixed(NOW, ZoneOffset.UTC),
            id -> Optional.empty(), REGION);

        assertRefused(() -> knowsNobody.verify(jsonPost(), ACCEPTED), "InvalidClientTokenId",
            "The security token included in the request is invalid.");
    }

    @Test
    void tamperedBodyDoesNotMatch() {
        final SignedRequest request = jsonPost();
        final SignedRequest tampered = SignedRequest.of(request.method(), request.rawPath(), request.rawQuery(),
            request.headers(), utf8("{\"AlarmName\":\"High CPU\",\"Threshold\":99.5}"));

        assertRefused(() -> verifier.verify(tampered, ACCEPTED), "SignatureDoesNotMatch",
            "The provided 'x-amz-content-sha256' header does not match what was computed.");
        // Without the content hash header the body is hashed afresh, and the signature gives the tampering away.
        assertRefused(() -> verifier.verify(withHeader(tampered, "x-amz-content-sha256", null), ACCEPTED),
            "SignatureDoesNotMatch", AuthenticationException.SIGNATURE_DOES_NOT_MATCH_MESSAGE);
    }

    @Test
    void changedSignedHeaderDoesNotMatch() {
        assertRefused(() -> verifier.verify(withHeader(jsonPost(), "Content-Type", "text/plain"), ACCEPTED),
            "SignatureDoesNotMatch", AuthenticationException.SIGNATURE_DOES_NOT_MATCH_MESSAGE);
        assertRefused(() -> verifier.verify(withHeader(jsonPost(), "Host", "evil.example.com:8443"), ACCEPTED),
            "SignatureDoesNotMatch", AuthenticationException.SIGNATURE_DOES_NOT_MATCH_MESSAGE);
    }

    @Test
    void unsignedHeadersMayChange() {
        verifier.verify(withHeader(jsonPost(), "User-Agent", "added-by-a-proxy"), ACCEPTED);
    }

    @Test
    void changedQueryValueDoesNotMatch() {
        final SignedRequest request = queryGet();

        assertRefused(() -> verifier.verify(withQuery(request, request.rawQuery().replace("Tag=b", "Tag=c")),
            ACCEPTED), "SignatureDoesNotMatch", AuthenticationException.SIGNATURE_DOES_NOT_MATCH_MESSAGE);
        assertRefused(() -> verifier.verify(withQuery(request, request.rawQuery() + "&Extra=1"), ACCEPTED),
            "SignatureDoesNotMatch", AuthenticationException.SIGNATURE_DOES_NOT_MATCH_MESSAGE);
    }

    @Test
    void queryParameterOrderOnTheWireDoesNotMatter() {
        final SignedRequest request = queryGet();
        final List<String> pairs = new ArrayList<>(List.of(request.rawQuery().split("&")));
        Collections.reverse(pairs);

        verifier.verify(withQuery(request, String.join("&", pairs)), ACCEPTED);
    }

    @Test
    void oneVerifierServesManyThreadsAtOnce() throws Exception {
        // A two-key cache for requests of four signing days: threads keep evicting and re-deriving each other's keys.
        final SigV4Verifier shared = new SigV4Verifier(Clock.fixed(NOW, ZoneOffset.UTC),
            id -> id.equals(ACCESS_KEY_ID) ? Optional.of(SECRET) : Optional.empty(), REGION, 2);
        final List<SignedRequest> requests = new ArrayList<>();
        for (int day = 0; day < 4; day++) {
            requests.add(presignedGet(Duration.ofDays(7)));
            requests.add(signed(request(SdkHttpMethod.GET, "/v1/alarms").build(), null,
                NOW.minus(Duration.ofDays(day)), AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET),
                builder -> builder.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                    .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofDays(7))));
        }
        final SignedRequest forged = withQuery(requests.get(1), requests.get(1).rawQuery() + "&Extra=1");
        final ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            final List<Future<Integer>> results = new ArrayList<>();
            for (int task = 0; task < 8; task++) {
                results.add(threads.submit(() -> {
                    int verified = 0;
                    for (int i = 0; i < 250; i++) {
                        verified += shared.verify(requests.get(i % requests.size()), ACCEPTED) != null ? 1 : 0;
                        assertThatThrownBy(() -> shared.verify(forged, ACCEPTED))
                            .isInstanceOf(AuthenticationException.class);
                    }
                    return verified;
                }));
            }
            for (final Future<Integer> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(250);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void credentialScopedToAnotherRegionIsRefused() {
        final SignedRequest request = signed(request(SdkHttpMethod.GET, "/v1/alarms").build(), null, NOW,
            AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET),
            builder -> builder.putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1"));

        assertRefused(() -> verifier.verify(request, ACCEPTED), "SignatureDoesNotMatch",
            "Credential should be scoped to a valid region, not 'eu-west-1'.");
    }

    @Test
    void serviceNotAcceptedIsRefused() {
        final SignedRequest request = jsonPost();

        assertRefused(() -> verifier.verify(request, Set.of("monitoring")), "SignatureDoesNotMatch",
            "Credential should be scoped to correct service: 'monitoring'.");
    }

    @Test
    void signedSixteenMinutesAgoHasExpired() {
        final SignedRequest request = signed(request(SdkHttpMethod.GET, "/v1/alarms").build(), null,
            Instant.parse("2013-05-24T00:00:00Z"));

        assertRefused(() -> verifierAt(Instant.parse("2013-05-24T00:16:00Z")).verify(request, ACCEPTED),
            "RequestExpired",
            "Signature expired: 20130524T000000Z is now earlier than 20130524T000100Z (20130524T001600Z - 15 min.)");
    }

    @Test
    void signedSixteenMinutesAheadIsNotYetCurrent() {
        final SignedRequest request = signed(request(SdkHttpMethod.GET, "/v1/alarms").build(), null,
            NOW.plus(Duration.ofMinutes(16)));

        assertRefused(() -> verifier.verify(request, ACCEPTED), "RequestExpired",
            "Signature not yet current: 20250314T094253Z is still later than 20250314T094153Z "
                + "(20250314T092653Z + 15 min.)");
    }

    @Test
    void signedFourteenMinutesEitherSideVerifies() {
        for (final Duration skew : List.of(Duration.ofMinutes(-14), Duration.ofMinutes(14))) {
            final Instant signedAt = NOW.plus(skew);
            final SignedRequest request = signed(request(SdkHttpMethod.GET, "/v1/alarms").build(), null, signedAt);

            assertThat(verifier.verify(request, ACCEPTED).signedAt()).isEqualTo(signedAt);
        }
    }

    @Test
    void sessionTokenIsAnInvalidClientToken() {
        final SignedRequest request = signed(request(SdkHttpMethod.GET, "/v1/alarms").build(), null, NOW,
            AwsSessionCredentialsIdentity.create(ACCESS_KEY_ID, SECRET, "FwoGZXIvYXdzEBAaDHRyYWlsd2F0Y2g="),
            builder -> { });
        assertThat(request.headers()).containsKey("X-Amz-Security-Token");

        assertRefused(() -> verifier.verify(request, ACCEPTED), "InvalidClientTokenId",
            "The security token included in the request is invalid.");
    }

    @Test
    void noAuthenticationAtAllIsMissingAuthenticationToken() {
        assertRefused(() -> verifier.verify(SignedRequest.of("GET", "/v1/alarms", null,
            Map.of("Host", List.of("trailwatch.example.com:8443")), null), ACCEPTED),
            "MissingAuthenticationToken", "Request is missing Authentication Token");
        assertRefused(() -> verifier.verify(withHeader(jsonPost(), "Authorization", null), ACCEPTED),
            "MissingAuthenticationToken", "Request is missing Authentication Token");
    }

    @Test
    void authorizationWithoutSignedHeadersIsIncomplete() {
        final SignedRequest request = jsonPost();
        final String authorization = request.firstHeader("Authorization").orElseThrow()
            .replaceAll("SignedHeaders=[^,]*, ", "");

        assertRefused(() -> verifier.verify(withHeader(request, "Authorization", authorization), ACCEPTED),
            "IncompleteSignature", "Authorization header requires 'SignedHeaders' parameter. Authorization="
                + authorization);
    }

    @Test
    void hostNotSignedIsIncomplete() {
        final SignedRequest request = jsonPost();
        final String authorization = request.firstHeader("Authorization").orElseThrow().replace(";host;", ";");
        assertThat(authorization).contains("SignedHeaders=content-type;x-amz-content-sha256;x-amz-date,");

        assertRefused(() -> verifier.verify(withHeader(request, "Authorization", authorization), ACCEPTED),
            "IncompleteSignature", "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }

    private SignedRequest presignedGet(final Duration expiration) {
        return signed(request(SdkHttpMethod.GET, "/v1/alarms/My%20Alarm")
                .appendRawQueryParameter("Include", "history log")
                .build(), null, NOW, AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET),
            builder -> builder.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expiration));
    }

    @Test
    void presignedGetVerifiesUntilItExpires() {
        final SignedRequest request = presignedGet(Duration.ofHours(1));
        assertThat(request.headers()).doesNotContainKey("Authorization");
        assertThat(request.rawQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=3600");

        assertThat(verifier.verify(request, ACCEPTED)).isEqualTo(new Verified(ACCESS_KEY_ID, SERVICE, REGION, NOW));
        verifierAt(NOW.plus(Duration.ofMinutes(59))).verify(request, ACCEPTED);
        assertRefused(() -> verifierAt(NOW.plus(Duration.ofMinutes(61))).verify(request, ACCEPTED),
            "RequestExpired", "Request has expired: X-Amz-Date 20250314T092653Z + X-Amz-Expires 3600 sec. = "
                + "20250314T102653Z is now earlier than 20250314T102753Z.");
    }

    @Test
    void presignedUrlCannotBeAlteredOrExtended() {
        final SignedRequest request = presignedGet(Duration.ofMinutes(5));

        assertRefused(() -> verifier.verify(withQuery(request,
            request.rawQuery().replace("X-Amz-Expires=300", "X-Amz-Expires=604800")), ACCEPTED),
            "SignatureDoesNotMatch", AuthenticationException.SIGNATURE_DOES_NOT_MATCH_MESSAGE);
        assertRefused(() -> verifier.verify(withQuery(request,
            request.rawQuery().replace("history%20log", "history")), ACCEPTED),
            "SignatureDoesNotMatch", AuthenticationException.SIGNATURE_DOES_NOT_MATCH_MESSAGE);
        assertRefused(() -> verifier.verify(withQuery(request,
            request.rawQuery().replace("X-Amz-Expires=300", "X-Amz-Expires=604801")), ACCEPTED),
            "IncompleteSignature", "X-Amz-Expires must be less than a week (in seconds) that is 604800");
    }

    @Test
    void presignedUrlWithAnUnsignedPayloadVerifies() {
        // S3-style presigning: the canonical request ends with UNSIGNED-PAYLOAD instead of the body's hash.
        final SignedRequest request = signed(request(SdkHttpMethod.GET, "/v1/alarms").build(), null, NOW,
            AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET),
            builder -> builder.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5))
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));

        verifier.verify(request, ACCEPTED);
    }

    @Test
    void headerSignedRequestWithAnUnsignedPayloadIsRefused() {
        final SignedRequest request = signed(request(SdkHttpMethod.POST, "/v1/alarms").build(), utf8("{}"), NOW,
            AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET),
            builder -> builder.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
        assertThat(request.firstHeader("x-amz-content-sha256")).contains("UNSIGNED-PAYLOAD");

        assertRefused(() -> verifier.verify(request, ACCEPTED), "IncompleteSignature",
            "x-amz-content-sha256 'UNSIGNED-PAYLOAD' is not accepted: sign the request body.");
    }

    @Test
    void presignedUrlWithASignedAuthorizationHeaderToo() {
        final SignedRequest request = presignedGet(Duration.ofMinutes(5));

        assertRefused(() -> verifier.verify(withHeader(request, "Authorization",
            jsonPost().firstHeader("Authorization").orElseThrow()), ACCEPTED),
            "IncompleteSignature", "Only one auth mechanism allowed");
    }
}
