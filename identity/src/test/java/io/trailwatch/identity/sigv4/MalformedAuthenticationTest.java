package io.trailwatch.identity.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Authentication that is there but malformed, or names the wrong scope, is refused before any signature is computed,
 * with the code and the message AWS gives, saying what is wrong.
 */
class MalformedAuthenticationTest {

    private static final Instant NOW = Instant.parse("2015-08-30T12:36:00Z");
    private static final String GOOD_CREDENTIAL = "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";
    private static final String SIGNATURE = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";

    private final SigV4Verifier verifier = new SigV4Verifier(Clock.fixed(NOW, ZoneOffset.UTC),
        id -> Optional.of("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), "us-east-1");

    private static SignedRequest withHeaders(final String rawQuery, final String... namesAndValues) {
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("example.amazonaws.com"));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return SignedRequest.of("GET", "/", rawQuery, headers, null);
    }

    private static SignedRequest authorized(final String authorization) {
        return withHeaders(null, "X-Amz-Date", "20150830T123600Z", "Authorization", authorization);
    }

    private void assertRefused(final SignedRequest request, final String code, final String message) {
        assertThatThrownBy(() -> verifier.verify(request, Set.of("service")))
            .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.code()).isEqualTo(code))
            .hasMessage(message);
    }

    @Test
    void notAwsAuthenticationListsEverythingMissing() {
        assertRefused(withHeaders(null, "Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9"), "IncompleteSignature",
            "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' "
                + "parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires "
                + "existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=Bearer eyJhbGciOiJIUzI1NiJ9");
    }

    @Test
    void anotherAlgorithmIsUnsupported() {
        assertRefused(authorized("AWS4-ECDSA-P256-SHA256 Credential=" + GOOD_CREDENTIAL + ", SignedHeaders=host;"
            + "x-amz-date, Signature=" + SIGNATURE), "IncompleteSignature",
            "Unsupported AWS 'algorithm': 'AWS4-ECDSA-P256-SHA256'. Trailwatch supports only AWS4-HMAC-SHA256.");
    }

    @Test
    void pairWithoutEqualsSignIsMalformed() {
        final String authorization = "AWS4-HMAC-SHA256 Credential= " + GOOD_CREDENTIAL
            + ", SignedHeaders=host;x-amz-date, Signature=" + SIGNATURE;

        assertRefused(authorized(authorization), "IncompleteSignature", "'" + GOOD_CREDENTIAL + "' not a valid "
            + "key=value pair (missing equal-sign) in Authorization header: '" + authorization + "'.");
    }

    @Test
    void credentialNeedsFiveElements() {
        assertRefused(authorized("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=" + SIGNATURE), "IncompleteSignature",
            "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got "
                + "'AKIDEXAMPLE/20150830/us-east-1/aws4_request'");
    }

    @Test
    void missingDateIsIncomplete() {
        final String authorization = "AWS4-HMAC-SHA256 Credential=" + GOOD_CREDENTIAL
            + ", SignedHeaders=host;x-amz-date, Signature=" + SIGNATURE;

        assertRefused(withHeaders(null, "Authorization", authorization), "IncompleteSignature",
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization="
                + authorization);
    }

    @Test
    void dateMustBeInBasicFormatAndSigned() {
        final String authorization = "AWS4-HMAC-SHA256 Credential=" + GOOD_CREDENTIAL
            + ", SignedHeaders=host;x-amz-date, Signature=" + SIGNATURE;
        assertRefused(withHeaders(null, "X-Amz-Date", "2015-08-30T12:36:00Z", "Authorization", authorization),
            "IncompleteSignature", "Date must be in ISO-8601 'basic format'. Got '2015-08-30T12:36:00Z'. See "
                + "http://en.wikipedia.org/wiki/ISO_8601");
        assertRefused(authorized("AWS4-HMAC-SHA256 Credential=" + GOOD_CREDENTIAL + ", SignedHeaders=host, "
            + "Signature=" + SIGNATURE), "IncompleteSignature",
            "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.");
    }

    @Test
    void scopeDateMustBeTheSigningDate() {
        assertRefused(authorized("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150831/us-east-1/service/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=" + SIGNATURE), "SignatureDoesNotMatch",
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20150831' != "
                + "'20150830', from '20150830T123600Z'.");
    }

    @Test
    void scopeMustEndWithTheTerminator() {
        assertRefused(authorized("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_reques, "
            + "SignedHeaders=host;x-amz-date, Signature=" + SIGNATURE), "SignatureDoesNotMatch",
            "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws4_reques'.");
    }

    @Test
    void unsignedPayloadIsRefusedInAHeaderSignedRequest() {
        final SignedRequest request = withHeaders(null, "X-Amz-Date", "20150830T123600Z",
            "X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD",
            "Authorization", "AWS4-HMAC-SHA256 Credential=" + GOOD_CREDENTIAL
                + ", SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=" + SIGNATURE);

        assertRefused(request, "IncompleteSignature",
            "x-amz-content-sha256 'UNSIGNED-PAYLOAD' is not accepted: sign the request body.");
    }

    @Test
    void incompletePresignedQuerySaysWhatIsMissing() {
        assertRefused(withHeaders("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2F"
            + "us-east-1%2Fservice%2Faws4_request&X-Amz-SignedHeaders=host"), "IncompleteSignature",
            "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, "
                + "X-Amz-Date and X-Amz-SignedHeaders parameters; missing X-Amz-Signature, X-Amz-Date.");
        assertRefused(withHeaders("X-Amz-Algorithm=AWS4-HMAC-SHA1&X-Amz-Credential=x&X-Amz-Date=x"
            + "&X-Amz-SignedHeaders=host&X-Amz-Signature=x"), "IncompleteSignature",
            "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
        assertRefused(withHeaders("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + GOOD_CREDENTIAL
            + "&X-Amz-Date=20150830T123600Z&X-Amz-SignedHeaders=host&X-Amz-Signature=a&X-Amz-Signature=b"),
            "IncompleteSignature", "Query-string authentication parameter X-Amz-Signature appears more than once.");
    }

    @Test
    void presignedSessionTokenIsAnInvalidClientToken() {
        assertRefused(withHeaders("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + GOOD_CREDENTIAL
            + "&X-Amz-Date=20150830T123600Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=" + SIGNATURE
            + "&X-Amz-Security-Token=token"), "InvalidClientTokenId",
            "The security token included in the request is invalid.");
    }

    @Test
    void everyFailureIsA403WithoutAStackTrace() {
        final AuthenticationException e = AuthenticationException.incompleteSignature("x");

        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.getStackTrace()).isEmpty();
        assertThat(e).hasToString("IncompleteSignature: x");
    }
}
