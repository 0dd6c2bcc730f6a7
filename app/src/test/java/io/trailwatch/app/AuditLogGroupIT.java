package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.ingest.TrailwatchPublisher;
import io.trailwatch.testkit.UniqueNames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidOperationException;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

/**
 * The audit trail as log group {@code trailwatch/audit}: a published CloudTrail record is found once by
 * FilterLogEvents with a JSON pattern and by GetLogEvents on the stream CloudTrail names, the group's retention bounds
 * what is returned, and nobody but the trail writes the group.
 */
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ)
class AuditLogGroupIT {

    private static final String AUDIT = "trailwatch/audit";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningTrailwatch trailwatch;
    private static CloudWatchLogsClient logs;

    @BeforeAll
    static void start() throws Exception {
        trailwatch = RunningTrailwatch.get();
        logs = AwsClients.logs(trailwatch.endpoint(), TestIdentity.get().administrator());
    }

    @AfterAll
    static void stop() {
        if (logs != null) {
            logs.close();
        }
    }

    private static void publish(final AuditEvent event) {
        try (TrailwatchPublisher publisher = TrailwatchPublisher.builder()
            .bootstrapServers(trailwatch.infrastructure().bootstrapServers())
            .schemaRegistryUrl(trailwatch.infrastructure().registryUrl()).build()) {
            publisher.publish(event).join();
        }
    }

    private static List<FilteredLogEvent> deletesOf(final String bucket, final long startTime) {
        return logs.filterLogEvents(filter -> filter.logGroupName(AUDIT).startTime(startTime)
            .filterPattern("{ $.eventName = \"DeleteBucket\" && $.requestParameters.bucketName = \"" + bucket
                + "\" }")).events();
    }

    @Test
    void aPublishedRecordIsInTheAuditGroupOnceAsItsCloudTrailJson() throws Exception {
        final String bucket = UniqueNames.of("audited");
        final Instant time = Instant.now().minusSeconds(5);
        final AuditEvent event = RunningTrailwatch.deleteBucket(bucket, time);
        publish(event);

        final List<FilteredLogEvent> found = Awaitility.await().atMost(Duration.ofSeconds(30))
            .until(() -> deletesOf(bucket, time.toEpochMilli() - 1_000), events -> !events.isEmpty());
        assertThat(found).hasSize(1);
        final FilteredLogEvent line = found.get(0);
        assertThat(line.logStreamName()).matches("[0-9]{12}_CloudTrail_eu-west-1");
        assertThat(line.timestamp()).isEqualTo(time.toEpochMilli());
        final JsonNode record = JSON.readTree(line.message());
        assertThat(record.path("eventID").asText()).isEqualTo(event.getEventID().toString());
        assertThat(record.path("eventSource").asText()).isEqualTo("s3.amazonaws.com");
        // a pattern on another bucket finds nothing
        assertThat(deletesOf("not-" + bucket, time.toEpochMilli() - 1_000)).isEmpty();

        final List<OutputLogEvent> stream = logs.getLogEvents(get -> get.logGroupName(AUDIT)
            .logStreamName(line.logStreamName()).startTime(time.toEpochMilli()).endTime(time.toEpochMilli() + 1)
            .startFromHead(true)).events();
        assertThat(stream).extracting(OutputLogEvent::message).filteredOn(message -> message.contains(bucket))
            .containsExactly(line.message());
        assertThat(logs.describeLogStreams(describe -> describe.logGroupName(AUDIT)).logStreams())
            .anyMatch(described -> described.logStreamName().equals(line.logStreamName()));
        assertThat(logs.describeLogGroups(describe -> describe.logGroupNamePrefix("trailwatch/")).logGroups())
            .anyMatch(group -> group.logGroupName().equals(AUDIT) && group.storedBytes() > 0);
    }

    @Test
    void theAuditGroupsRetentionBoundsWhatIsReturned() {
        final String bucket = UniqueNames.of("expired");
        publish(RunningTrailwatch.deleteBucket(bucket, Instant.now().minus(Duration.ofDays(2))));
        final String recent = UniqueNames.of("recent");
        publish(RunningTrailwatch.deleteBucket(recent, Instant.now()));
        // The two events are on different partitions of the trail: each is awaited, in whichever order it is kept.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> deletesOf(recent, 0), events -> !events.isEmpty());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> deletesOf(bucket, 0), events -> !events.isEmpty());
        assertThat(deletesOf(bucket, 0)).hasSize(1);

        logs.putRetentionPolicy(retain -> retain.logGroupName(AUDIT).retentionInDays(1));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> deletesOf(bucket, 0).isEmpty());
            assertThat(deletesOf(recent, 0)).hasSize(1);
            assertThat(logs.describeLogGroups(describe -> describe.logGroupNamePrefix(AUDIT)).logGroups().get(0)
                .retentionInDays()).isEqualTo(1);
        } finally {
            logs.deleteRetentionPolicy(delete -> delete.logGroupName(AUDIT));
        }
    }

    @Test
    void onlyTheTrailWritesTheAuditGroup() {
        assertThatThrownBy(() -> logs.putLogEvents(put -> put.logGroupName(AUDIT)
            .logStreamName("123456789012_CloudTrail_eu-west-1")
            .logEvents(event -> event.timestamp(Instant.now().toEpochMilli()).message("{\"eventName\":\"Forged\"}"))))
            .isInstanceOf(InvalidOperationException.class);
        assertThatThrownBy(() -> logs.deleteLogGroup(delete -> delete.logGroupName(AUDIT)))
            .isInstanceOf(InvalidOperationException.class);
    }
}
