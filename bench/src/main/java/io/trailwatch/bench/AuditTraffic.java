package io.trailwatch.bench;

import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.Resource;
import io.trailwatch.avro.UserIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Synthetic CloudTrail traffic for the event history benchmark: {@code users} callers spread evenly over a time
 * span, each with its own access key and address, calling a mix of services; a quarter of the calls name a
 * bucket, one in twenty fails. Deterministic for a seed.
 */
final class AuditTraffic {

    private static final String[] SOURCES = {"s3.amazonaws.com", "iam.amazonaws.com", "ec2.amazonaws.com",
        "kms.amazonaws.com", "sts.amazonaws.com", "lambda.amazonaws.com", "dynamodb.amazonaws.com",
        "cloudtrail.amazonaws.com"};
    private static final String[] NAMES = {"GetObject", "PutObject", "ListBuckets", "DeleteBucket", "DescribeInstances",
        "RunInstances", "AssumeRole", "Decrypt", "Encrypt", "GetItem", "PutItem", "Invoke", "CreateUser",
        "AttachRolePolicy", "LookupEvents", "GetCallerIdentity"};
    private static final String[] REGIONS = {"eu-west-1", "us-east-1", "us-west-2", "ap-south-1"};
    private static final String[] ERRORS = {"AccessDenied", "NoSuchBucket", "ThrottlingException"};

    private final Random random;
    private final int users;
    private final long newestMillis;
    private final long spanMillis;

    AuditTraffic(final long seed, final int users, final Instant newest, final long spanMillis) {
        this.random = new Random(seed);
        this.users = users;
        this.newestMillis = newest.toEpochMilli();
        this.spanMillis = spanMillis;
    }

    static String user(final int index) {
        return "user-" + index;
    }

    AuditEvent next() {
        final int user = random.nextInt(users);
        final String account = "1000000000" + String.format("%02d", user % 7);
        final String source = SOURCES[random.nextInt(SOURCES.length)];
        final boolean bucket = random.nextInt(4) == 0;
        final String bucketName = "bucket-" + random.nextInt(10_000);
        return AuditEvent.newBuilder()
            .setEventVersion("1.11")
            .setEventID(new UUID(random.nextLong(), random.nextLong()).toString())
            .setEventTime(Instant.ofEpochMilli(newestMillis - (long) (random.nextDouble() * spanMillis)))
            .setEventSource(source)
            .setEventName(NAMES[random.nextInt(NAMES.length)])
            .setAwsRegion(REGIONS[random.nextInt(REGIONS.length)])
            .setSourceIPAddress("10." + (user >> 16 & 255) + "." + (user >> 8 & 255) + "." + (user & 255))
            .setUserAgent("aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64")
            .setUserIdentity(UserIdentity.newBuilder().setType("IAMUser").setUserName(user(user))
                .setAccountId(account).setAccessKeyId("AKIA" + String.format("%012d", user))
                .setArn("arn:aws:iam::" + account + ":user/" + user(user)).setPrincipalId("AIDA" + user).build())
            .setRequestParameters(bucket ? "{\"bucketName\":\"" + bucketName + "\"}" : "{\"maxResults\":50}")
            .setResponseElements(null)
            .setRequestID(new UUID(random.nextLong(), random.nextLong()).toString())
            .setErrorCode(random.nextInt(20) == 0 ? ERRORS[random.nextInt(ERRORS.length)] : null)
            .setReadOnly(random.nextInt(10) < 7)
            .setResources(bucket ? List.of(Resource.newBuilder().setARN("arn:aws:s3:::" + bucketName)
                .setType("AWS::S3::Bucket").setAccountId(account).build()) : null)
            .setEventType("AwsApiCall")
            .setManagementEvent(true)
            .setRecipientAccountId(account)
            .setEventCategory("Management")
            .build();
    }
}
