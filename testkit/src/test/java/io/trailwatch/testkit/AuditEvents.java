package io.trailwatch.testkit;

import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.UserIdentity;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Audit events as CloudTrail would record them, each with its own eventID. */
final class AuditEvents {

    private AuditEvents() {
    }

    static AuditEvent putObject(final String bucket) {
        return AuditEvent.newBuilder()
            .setEventID(UUID.randomUUID().toString())
            // The registry and Avro keep millisecond precision: equality after a round trip needs the same.
            .setEventTime(Instant.now().truncatedTo(ChronoUnit.MILLIS))
            .setEventSource("s3.amazonaws.com")
            .setEventName("PutObject")
            .setAwsRegion("eu-west-1")
            .setSourceIPAddress("203.0.113.7")
            .setUserAgent("aws-cli/2.15.0")
            .setUserIdentity(UserIdentity.newBuilder()
                .setType("IAMUser")
                .setPrincipalId("AIDAEXAMPLE")
                .setArn("arn:aws:iam::123456789012:user/alice")
                .setAccountId("123456789012")
                .setUserName("alice")
                .build())
            .setRequestParameters("{\"bucketName\":\"" + bucket + "\",\"key\":\"report.csv\"}")
            .setReadOnly(false)
            .setRecipientAccountId("123456789012")
            .build();
    }
}
