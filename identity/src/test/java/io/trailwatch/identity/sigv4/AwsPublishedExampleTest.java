package io.trailwatch.identity.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * AWS's published SigV4 test-suite vector "get-vanilla": the simplest request, whose signature AWS documents, so the
 * verifier is checked against AWS's own numbers and not only against signers that might share a mistake with it.
 */
class AwsPublishedExampleTest {

    private static final String ACCESS_KEY_ID = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String SIGNATURE = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
    private static final Instant SIGNED_AT = Instant.parse("2015-08-30T12:36:00Z");

    private static SignedRequest getVanilla(final String signature) {
        return SignedRequest.of("GET", "/", null, Map.of(
            "Host", List.of("example.amazonaws.com"),
            "X-Amz-Date", List.of("20150830T123600Z"),
            "Authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=" + signature)), null);
    }

    private static SigV4Verifier verifier() {
        return new SigV4Verifier(Clock.fixed(SIGNED_AT, ZoneOffset.UTC),
            id -> id.equals(ACCESS_KEY_ID) ? Optional.of(SECRET) : Optional.empty(), "us-east-1");
    }

    @Test
    void getVanillaVerifies() {
        assertThat(verifier().verify(getVanilla(SIGNATURE), Set.of("service")))
            .isEqualTo(new Verified(ACCESS_KEY_ID, "service", "us-east-1", SIGNED_AT));
    }

    @Test
    void getVanillaWithOneHexDigitChangedDoesNotMatch() {
        final String wrong = SIGNATURE.substring(0, 63) + "0";

        assertThatThrownBy(() -> verifier().verify(getVanilla(wrong), Set.of("service")))
            .isInstanceOfSatisfying(AuthenticationException.class,
                e -> assertThat(e.code()).isEqualTo("SignatureDoesNotMatch"));
    }

    @Test
    void getVanillaOnAnotherPathDoesNotMatch() {
        final SignedRequest request = getVanilla(SIGNATURE);

        assertThatThrownBy(() -> verifier().verify(SignedRequest.of("GET", "/other", null, request.headers(), null),
            Set.of("service")))
            .isInstanceOfSatisfying(AuthenticationException.class,
                e -> assertThat(e.code()).isEqualTo("SignatureDoesNotMatch"));
    }
}
