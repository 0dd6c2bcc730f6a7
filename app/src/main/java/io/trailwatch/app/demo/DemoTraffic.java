package io.trailwatch.app.demo;

import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.Resource;
import io.trailwatch.avro.SessionAttributes;
import io.trailwatch.avro.SessionContext;
import io.trailwatch.avro.UserIdentity;
import io.trailwatch.ingest.TrailwatchPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Sample audit traffic for the demo: everyday calls, and one DeleteBucket that the demo alarm catches. */
public final class DemoTraffic {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";

    private final Clock clock;

    public DemoTraffic(final Clock clock) {
        this.clock = clock;
    }

    /** A round of everyday calls by alice, none of which any demo alarm watches. */
    public List<AuditEvent> everydayCalls() {
        final Instant now = clock.instant();
        return List.of(
            event(now, "signin.amazonaws.com", "ConsoleLogin", "alice", "198.51.100.23", false, null),
            event(now, "s3.amazonaws.com", "ListBuckets", "alice", "198.51.100.23", true, null),
            event(now, "s3.amazonaws.com", "GetObject", "alice", "198.51.100.23", true, "arn:aws:s3:::reports-2026"),
            event(now, "ec2.amazonaws.com", "DescribeInstances", "alice", "198.51.100.23", true, null));
    }

    /** The call the demo alarm exists for. */
    public AuditEvent deleteBucket() {
        return event(clock.instant(), "s3.amazonaws.com", "DeleteBucket", "bob", "203.0.113.7", false,
            "arn:aws:s3:::customer-invoices");
    }

    /** Publishes one round of everyday calls. */
    public void publishEveryday(final TrailwatchPublisher publisher) {
        everydayCalls().forEach(publisher::publish);
        publisher.flush();
    }

    private static AuditEvent event(final Instant time, final String source, final String name, final String user,
                                    final String ip, final boolean readOnly, final String resourceArn) {
        return AuditEvent.newBuilder()
            .setEventID(UUID.randomUUID().toString())
            .setEventTime(time)
            .setEventSource(source)
            .setEventName(name)
            .setAwsRegion(REGION)
            .setSourceIPAddress(ip)
            .setUserAgent("aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.debian")
            .setUserIdentity(UserIdentity.newBuilder()
                .setType("IAMUser")
                .setPrincipalId("AIDA" + user.toUpperCase() + "EXAMPLE")
                .setArn("arn:aws:iam::" + ACCOUNT + ":user/" + user)
                .setAccountId(ACCOUNT)
                .setAccessKeyId("AKIA" + user.toUpperCase() + "EXAMPLE")
                .setUserName(user)
                .setSessionContext(SessionContext.newBuilder()
                    .setAttributes(new SessionAttributes("true", time.minusSeconds(600).toString()))
                    .build())
                .build())
            .setRequestParameters(resourceArn == null ? null
                : "{\"bucketName\":\"" + resourceArn.substring(resourceArn.lastIndexOf(':') + 1) + "\"}")
            .setReadOnly(readOnly)
            .setResources(resourceArn == null ? null : List.of(new Resource(resourceArn, ACCOUNT, "AWS::S3::Bucket")))
            .setEventType("ConsoleLogin".equals(name) ? "AwsConsoleSignIn" : "AwsApiCall")
            .setEventCategory("Management")
            .setManagementEvent(true)
            .setRecipientAccountId(ACCOUNT)
            .setRequestID(UUID.randomUUID().toString())
            .build();
    }
}
