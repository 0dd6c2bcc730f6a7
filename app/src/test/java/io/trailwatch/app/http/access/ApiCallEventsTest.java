package io.trailwatch.app.http.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** What a refused call's record names as the key it claimed: a lead for the investigator, never an identity. */
class ApiCallEventsTest {

    @Test
    void theKeyOfASignatureOrOfBasicCredentialsIsRecordedAndNothingElse() {
        assertThat(ApiCallEvents.claimedKey("AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE123/20261206/us-east-1/"
            + "trailwatch/aws4_request, SignedHeaders=host, Signature=00")).isEqualTo("AKIAEXAMPLE123");
        assertThat(ApiCallEvents.claimedKey("Basic " + Base64.getEncoder().encodeToString(
            "AKIABASIC0001:the-secret".getBytes(StandardCharsets.UTF_8)))).isEqualTo("AKIABASIC0001");
        // Never the secret, never text that is not a key id, never a crash on garbage.
        assertThat(ApiCallEvents.claimedKey("Basic " + Base64.getEncoder().encodeToString(
            "not a key\n:x".getBytes(StandardCharsets.UTF_8)))).isNull();
        assertThat(ApiCallEvents.claimedKey("Basic %%%not-base64")).isNull();
        assertThat(ApiCallEvents.claimedKey("Bearer abc")).isNull();
        assertThat(ApiCallEvents.claimedKey(null)).isNull();
    }
}
