package io.trailwatch.app;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.trailwatch.avro.AuditEvent;
import io.trailwatch.schemas.Topics;
import io.trailwatch.testkit.UniqueNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against the real broker and registry: publish a CloudTrail log file, tail the alarm it raises. */
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ)
class CliIT {

    private static RunningTrailwatch trailwatch;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        trailwatch = RunningTrailwatch.get();
    }

    private String[] connection() {
        return new String[] {"--bootstrap-servers", trailwatch.infrastructure().bootstrapServers(),
            "--schema-registry-url", trailwatch.infrastructure().registryUrl()};
    }

    private static boolean isOurs(final ConsumerRecord<String, AuditEvent> record, final String ids) {
        return record.value() != null && record.value().getEventID().startsWith(ids);
    }

    private static String[] concat(final String[] first, final String[] second) {
        final String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    @Test
    void publishesACloudTrailLogFileAndTailsTheAlarmItRaises() throws Exception {
        final String bucket = UniqueNames.of("cli-bucket");
        final String alarmName = trailwatch.defineBucketAlarm(bucket);
        final String now = Instant.now().toString();
        final String ids = UniqueNames.of("cli-event");
        final Path file = dir.resolve("cloudtrail.json");
        Files.writeString(file, """
            {"Records": [
              {"eventVersion": "1.08", "eventID": "%1$s-1", "eventTime": "%2$s", "eventSource": "s3.amazonaws.com",
               "eventName": "ListBuckets", "awsRegion": "eu-west-1", "sourceIPAddress": "198.51.100.1",
               "userIdentity": {"type": "IAMUser", "userName": "carol"}, "requestParameters": null,
               "responseElements": null, "readOnly": true, "eventType": "AwsApiCall", "eventCategory": "Management"},
              {"eventVersion": "1.08", "eventID": "%1$s-2", "eventTime": "%2$s", "eventSource": "s3.amazonaws.com",
               "eventName": "DeleteBucket", "awsRegion": "eu-west-1", "sourceIPAddress": "198.51.100.1",
               "userIdentity": {"type": "IAMUser", "userName": "carol"}, "requestParameters": {"bucketName": "%3$s"},
               "responseElements": null, "readOnly": false, "eventType": "AwsApiCall", "eventCategory": "Management"}
            ]}""".formatted(ids, now, bucket));
        final CompletableFuture<CommandLineRunner> tail = CompletableFuture.supplyAsync(() -> CommandLineRunner.run(
            concat(new String[] {"tail", "alarms", "--from-beginning", "--alarm-name", alarmName, "--state-value", "ALARM",
                "--max-records", "1", "--timeout-seconds", "110"}, connection())));

        final CommandLineRunner published = CommandLineRunner.run(concat(new String[] {"publish", "audit", file.toString()},
            connection()));

        assertThat(published.exitCode()).as(published.err()).isZero();
        assertThat(published.out()).contains("published 2 audit events to trailwatch.audit");
        final List<ConsumerRecord<String, AuditEvent>> audit = trailwatch.infrastructure().consumeUntil(
            Topics.AUDIT, read -> read.stream().filter(record -> isOurs(record, ids)).count() == 2, Duration.ofSeconds(30));
        assertThat(audit).filteredOn(record -> isOurs(record, ids)).hasSize(2);

        final CommandLineRunner tailed = tail.get();
        assertThat(tailed.exitCode()).as(tailed.err()).isZero();
        assertThat(tailed.out()).containsPattern(alarmName + "  (OK|INSUFFICIENT_DATA) -> ALARM  Threshold Crossed");
    }

    @Test
    void aFileWithOneBadRecordAmongGoodOnesPublishesNothing() throws Exception {
        final String ids = UniqueNames.of("cli-all-or-nothing");
        final String now = Instant.now().toString();
        final String ahead = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS).toString();
        final Path file = dir.resolve("mixed.json");
        Files.writeString(file, "{\"Records\": [" + record(ids + "-1", now) + ", " + record(ids + "-2", now) + ", "
            + record(ids + "-3", ahead) + ", " + record(ids + "-4", now) + "]}");

        final CommandLineRunner refused = CommandLineRunner.run(concat(new String[] {"publish", "audit",
            file.toString()}, connection()));

        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("record 3 of 4 (eventID " + ids + "-3): eventTime " + ahead
            + " is more than 1 hour in the future", "nothing was published");
        assertThat(refused.out()).isEmpty();

        // A later file of good records is published, in one transaction; once a read_committed reader sees it,
        // it would have seen anything published before: none of the first file's records may be there.
        final String later = UniqueNames.of("cli-after");
        final Path good = dir.resolve("good.json");
        Files.writeString(good, "[" + record(later + "-1", now) + ", " + record(later + "-2", now) + "]");
        final CommandLineRunner published = CommandLineRunner.run(concat(new String[] {"publish", "audit",
            good.toString()}, connection()));
        assertThat(published.exitCode()).as(published.err()).isZero();
        assertThat(published.out()).contains("published 2 audit events to trailwatch.audit");

        final List<String> committed = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            committed.clear();
            committed.addAll(TopicKeys.upToEnd(trailwatch.infrastructure().bootstrapServers(),
                Topics.AUDIT.name(), "read_committed"));
            assertThat(committed).filteredOn(key -> key.contains(later)).hasSize(2);
        });
        assertThat(committed).noneMatch(key -> key.contains(ids));
    }

    private static String record(final String id, final String time) {
        return """
            {"eventVersion": "1.08", "eventID": "%s", "eventTime": "%s", "eventSource": "s3.amazonaws.com",
             "eventName": "ListBuckets", "awsRegion": "eu-west-1", "sourceIPAddress": "198.51.100.1",
             "userIdentity": {"type": "IAMUser", "userName": "carol"}, "readOnly": true}""".formatted(id, time);
    }
}
