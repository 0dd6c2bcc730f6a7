package io.trailwatch.processors.history;

import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.Resource;
import io.trailwatch.avro.UserIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random audit events drawn from small value sets (so attribute values repeat and combinations both match and
 * miss), and random queries over them.
 */
final class RandomTrail {

    private static final String[] EVENT_NAMES = {"GetObject", "PutObject", "DeleteBucket", "ListBuckets",
        "AssumeRole", "CreateUser", "Decrypt", "RunInstances"};
    private static final String[] SOURCES = {"s3.amazonaws.com", "iam.amazonaws.com", "kms.amazonaws.com",
        "ec2.amazonaws.com"};
    private static final String[] USERS = {"alice", "bob", "carol", "dave"};
    private static final String[] ROLE_SESSIONS = {"ci-deploy", "i-0abc123"};
    private static final String[] IPS = {"203.0.113.7", "198.51.100.1", "192.0.2.44", "AWS Internal"};
    private static final String[] ERRORS = {"AccessDenied", "NoSuchBucket"};
    private static final String[] ACCOUNTS = {"111111111111", "222222222222", "333333333333"};
    private static final String[] REGIONS = {"eu-west-1", "us-east-1", "ap-south-1"};
    private static final String[] KEYS = {"AKIAEXAMPLE1", "AKIAEXAMPLE2", "ASIAEXAMPLE3"};
    private static final String[][] RESOURCES = {{"AWS::S3::Bucket", "arn:aws:s3:::logs"},
        {"AWS::S3::Bucket", "arn:aws:s3:::backups"}, {"AWS::IAM::Role", "arn:aws:iam::111111111111:role/Admin"},
        {"AWS::KMS::Key", "arn:aws:kms:eu-west-1:111111111111:key/k-1"}, {"AWS::EC2::Instance",
        "arn:aws:ec2:eu-west-1:111111111111:instance/i-1"}};

    private final Random random;
    private final Instant newest;
    private final long spanMillis;
    private int sequence;

    RandomTrail(final long seed, final Instant newest, final long spanMillis) {
        this.random = new Random(seed);
        this.newest = newest;
        this.spanMillis = spanMillis;
    }

    List<AuditEvent> events(final int count) {
        final List<AuditEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(event(time()));
        }
        return events;
    }

    /** A time in the span; a third fall on whole minutes, so equal times (ordered by eventID) are common. */
    Instant time() {
        final long offset = (long) (random.nextDouble() * spanMillis);
        final Instant time = newest.minusMillis(offset);
        return random.nextInt(3) == 0 ? Instant.ofEpochMilli(time.toEpochMilli() / 60_000 * 60_000) : time;
    }

    AuditEvent event(final Instant time) {
        final boolean assumedRole = random.nextInt(4) == 0;
        final String account = pick(ACCOUNTS);
        final UserIdentity.Builder identity = UserIdentity.newBuilder().setAccountId(account);
        if (assumedRole) {
            identity.setType("AssumedRole").setArn("arn:aws:sts::" + account + ":assumed-role/Deploy/"
                + pick(ROLE_SESSIONS));
        } else {
            identity.setType("IAMUser").setUserName(pick(USERS));
        }
        if (random.nextInt(5) > 0) {
            identity.setAccessKeyId(pick(KEYS));
        }
        final List<Resource> resources = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            final String[] resource = RESOURCES[random.nextInt(RESOURCES.length)];
            resources.add(Resource.newBuilder().setType(resource[0]).setARN(resource[1]).setAccountId(account).build());
        }
        final String source = pick(SOURCES);
        return AuditEvent.newBuilder()
            .setEventID(String.format("%08x-%04d-4000-8000-%012d", random.nextInt(), sequence++ % 10_000,
                random.nextInt(1_000_000)))
            .setEventTime(time)
            .setEventSource(source)
            .setEventName(pick(EVENT_NAMES))
            .setAwsRegion(pick(REGIONS))
            .setSourceIPAddress(pick(IPS))
            .setUserIdentity(identity.build())
            .setRequestParameters(source.equals("s3.amazonaws.com") && random.nextBoolean()
                ? "{\"bucketName\":\"" + pick(new String[] {"logs", "media"}) + "\"}" : null)
            .setErrorCode(random.nextInt(6) == 0 ? pick(ERRORS) : null)
            .setReadOnly(random.nextInt(8) == 0 ? null : random.nextBoolean())
            .setResources(resources.isEmpty() && random.nextBoolean() ? null : resources)
            .setRecipientAccountId(random.nextBoolean() ? pick(ACCOUNTS) : null)
            .setEventType("AwsApiCall")
            .setEventCategory("Management")
            .build();
    }

    /**
     * A query of 0 to 3 filters, mostly with values some event has (so results are not all empty), sometimes with
     * a value none has; a time range that is open, closed or empty; 1 to 60 results a page.
     */
    EventQuery query(final List<AuditEvent> events) {
        final Map<LookupAttribute, List<String>> filters = new EnumMap<>(LookupAttribute.class);
        final AuditEvent model = events.get(random.nextInt(events.size()));
        final EventAttributes attributes = EventAttributes.of(model);
        for (int i = random.nextInt(4); i > 0; i--) {
            final LookupAttribute attribute = LookupAttribute.values()[random.nextInt(LookupAttribute.values().length)];
            final List<String> values = new ArrayList<>(attributes.values(attribute));
            final String value = values.isEmpty() || random.nextInt(5) == 0 ? "absent-" + random.nextInt(3)
                : values.get(random.nextInt(values.size()));
            filters.computeIfAbsent(attribute, key -> new ArrayList<>()).add(value);
        }
        Instant start = random.nextInt(3) == 0 ? null : time();
        Instant end = random.nextInt(3) == 0 ? null : time();
        if (start != null && end != null && start.isAfter(end) && random.nextInt(5) > 0) {
            final Instant swap = start;
            start = end;
            end = swap;
        }
        return new EventQuery(filters, start, end, 1 + random.nextInt(60), null);
    }

    /** The answer by brute force: every event checked, sorted newest first, each eventID once. */
    static List<EventPosition> bruteForce(final List<AuditEvent> events, final EventQuery query, final long oldest) {
        final long newest = query.newestMillis();
        final Map<String, EventPosition> matches = new java.util.HashMap<>();
        for (final AuditEvent event : events) {
            final long time = event.getEventTime().toEpochMilli();
            if (time >= oldest && time <= newest && EventAttributes.of(event).matches(query.filters())) {
                matches.putIfAbsent(event.getEventID(), new EventPosition(time, event.getEventID()));
            }
        }
        final List<EventPosition> sorted = new ArrayList<>(matches.values());
        Collections.sort(sorted);
        return sorted;
    }

    static Set<String> ids(final List<? extends Positioned> hits) {
        final Set<String> ids = new java.util.HashSet<>();
        hits.forEach(hit -> ids.add(hit.position().eventId()));
        return ids;
    }

    private String pick(final String[] values) {
        return values[random.nextInt(values.length)];
    }
}
