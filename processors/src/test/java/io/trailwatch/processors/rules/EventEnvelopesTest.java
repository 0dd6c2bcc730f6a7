package io.trailwatch.processors.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventEnvelopesTest {

    @ParameterizedTest
    @CsvSource({
        "s3.amazonaws.com, aws.s3",
        "iam.amazonaws.com, aws.iam",
        "signin.amazonaws.com, aws.signin",
        "ec2.amazonaws.com, aws.ec2",
        "orders.example.com, orders.example.com"})
    void theSourceIsDerivedFromTheEventSourceAsEventBridgeDoes(final String eventSource, final String source) {
        assertThat(EventEnvelopes.source(eventSource)).isEqualTo(source);
    }

    @ParameterizedTest
    @CsvSource({
        "AwsApiCall, AWS API Call via CloudTrail",
        "AwsConsoleSignIn, AWS Console Sign In via CloudTrail",
        "AwsConsoleAction, AWS Console Action via CloudTrail",
        "AwsServiceEvent, AWS Service Event via CloudTrail"})
    void theDetailTypeFollowsTheCloudTrailEventType(final String eventType, final String detailType) {
        assertThat(EventEnvelopes.detailType(eventType)).isEqualTo(detailType);
    }
}
