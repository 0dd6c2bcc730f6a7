package io.trailwatch.sinks.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.avro.AlarmConfiguration;
import io.trailwatch.avro.AlarmState;
import io.trailwatch.avro.AlarmStateChange;
import io.trailwatch.avro.AlarmStateValue;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.UserIdentity;
import io.trailwatch.sinks.archive.store.ObjectStore;
import io.trailwatch.sinks.archive.store.ObjectSummary;
import io.trailwatch.sinks.archive.store.S3ObjectStore;
import io.trailwatch.sinks.archive.store.S3Settings;
import io.trailwatch.testkit.TestObjectStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Events to publish and readers of what the archive holds, for the integration tests. */
final class ArchiveFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] ACCOUNTS = {"111111111111", "222222222222", "333333333333"};
    private static final String[] REGIONS = {"us-east-1", "eu-west-1"};

    private ArchiveFixtures() {
    }

    /** The i-th event of a run: spread over three accounts and two regions, timestamped now. */
    static AuditEvent event(final int i) {
        final String account = ACCOUNTS[i % ACCOUNTS.length];
        return AuditEvent.newBuilder()
            .setEventID(UUID.randomUUID().toString())
            .setEventTime(Instant.now().truncatedTo(ChronoUnit.MILLIS))
            .setEventSource("s3.amazonaws.com")
            .setEventName(i % 2 == 0 ? "PutObject" : "GetObject")
            .setAwsRegion(REGIONS[i % REGIONS.length])
            .setSourceIPAddress("203.0.113." + (i % 250))
            .setUserIdentity(UserIdentity.newBuilder().setType("IAMUser").setUserName("user" + (i % 7))
                .setAccountId(account).setArn("arn:aws:iam::" + account + ":user/user" + (i % 7)).build())
            .setRequestParameters("{\"bucketName\":\"data-" + account + "\",\"key\":\"object-" + i + "\"}")
            .setEventType("AwsApiCall")
            .setEventCategory("Management")
            .setRecipientAccountId(account)
            .build();
    }

    static AlarmStateChange alarmChange(final String alarmName, final AlarmStateValue from, final AlarmStateValue to) {
        final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return AlarmStateChange.newBuilder()
            .setId(UUID.randomUUID().toString())
            .setAlarmName(alarmName)
            .setState(AlarmState.newBuilder().setValue(to).setReason("Threshold Crossed").setTimestamp(now).build())
            .setPreviousState(AlarmState.newBuilder().setValue(from).setReason("initial").setTimestamp(now).build())
            .setConfiguration(AlarmConfiguration.newBuilder().setNamespace("Security").setMetricName(alarmName)
                .build())
            .build();
    }

    static ObjectStore store(final TestObjectStorage s3, final String bucket) {
        return S3ObjectStore.open(new S3Settings(s3.endpoint(), s3.region(), bucket, s3.accessKeyId(),
            s3.secretAccessKey(), true));
    }

    /** Every record of every log file of the service under the prefix, with repeats. */
    static List<JsonNode> archivedRecords(final ObjectStore store, final String prefix, final String service,
                                          final String recordsField) {
        final List<JsonNode> records = new ArrayList<>();
        for (final ObjectSummary summary : store.listAll(prefix + "AWSLogs/")) {
            if (summary.key().contains("/" + service + "/") && summary.key().endsWith(".json.gz")) {
                try {
                    JSON.readTree(Compression.gunzip(store.get(summary.key()).orElseThrow().body()))
                        .path(recordsField).forEach(records::add);
                } catch (final IOException e) {
                    throw new UncheckedIOException(summary.key(), e);
                }
            }
        }
        return records;
    }

    /** eventIDs in the CloudTrail files, with repeats. */
    static List<String> archivedEventIds(final ObjectStore store) {
        return archivedRecords(store, "", "CloudTrail", "Records").stream().map(record -> record.path("eventID").asText())
            .toList();
    }
}
