package io.trailwatch.processors.logs.store;

import static io.trailwatch.processors.testing.TopologyHarness.START;
import static io.trailwatch.processors.testing.TopologyHarness.auditEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.LogEvent;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.processors.filter.pattern.FilterPattern;
import io.trailwatch.processors.logs.AuditLogGroup;
import io.trailwatch.processors.testing.TopologyHarness;
import io.trailwatch.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The log store: every valid event kept per group and stream in time order, its statistics, and retention. */
class LogStorageTopologyTest {

    private static final String GROUP = "/app/checkout";
    private static final Duration EXPIRY = Duration.ofMinutes(1);
    private static final String ACCOUNT = "123456789012";
    private static final String TRAIL_STREAM = "123456789012_CloudTrail_eu-west-1";

    private final TopologyHarness harness = new TopologyHarness();
    private TestInputTopic<String, LogEvent> logs;

    @BeforeEach
    void start() {
        harness.start(LogStorageTopology.build(harness.serdes(), new LogStorageSettings(EXPIRY, 100_000), ACCOUNT));
        logs = harness.input(Topics.LOGS);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private void send(final String group, final String stream, final Instant timestamp, final String message,
                      final Instant ingested) {
        logs.pipeInput(group + "/" + stream, new LogEvent(group, stream, timestamp, message), ingested);
    }

    private LocalLogEvents local() {
        final KeyValueStore<Bytes, byte[]> events = harness.driver().getKeyValueStore(LogStores.EVENTS);
        final KeyValueStore<Bytes, byte[]> streams = harness.driver().getKeyValueStore(LogStores.STREAMS);
        return new LocalLogEvents(events, streams);
    }

    private List<String> messages(final String group, final String stream, final boolean descending) {
        return local().read(group, stream, LogPosition.first(Long.MIN_VALUE), LogPosition.last(Long.MAX_VALUE),
            descending, 10_000, Long.MAX_VALUE).stream().map(StoredLogEvent::message).toList();
    }

    @Test
    void eventsAreKeptPerStreamInTimeOrderWhateverOrderTheyArriveIn() {
        send(GROUP, "web-1", START.minusSeconds(10), "third", START);
        send(GROUP, "web-1", START.minusSeconds(30), "first", START);
        send(GROUP, "web-2", START.minusSeconds(20), "other stream", START);
        send(GROUP, "web-1", START.minusSeconds(20), "second", START.plusMillis(5));
        send("/app/other", "web-1", START.minusSeconds(15), "other group", START);

        assertThat(messages(GROUP, "web-1", false)).containsExactly("first", "second", "third");
        assertThat(messages(GROUP, "web-1", true)).containsExactly("third", "second", "first");
        assertThat(messages(GROUP, "web-2", false)).containsExactly("other stream");
        assertThat(local().streams(GROUP)).containsOnlyKeys("web-1", "web-2");
        assertThat(local().streams("/app/other")).containsOnlyKeys("web-1");

        final LogStreamStats web1 = local().streams(GROUP).get("web-1");
        assertThat(web1.firstEventTimestamp()).isEqualTo(START.minusSeconds(30).toEpochMilli());
        assertThat(web1.lastEventTimestamp()).isEqualTo(START.minusSeconds(10).toEpochMilli());
        assertThat(web1.lastIngestionTime()).isEqualTo(START.plusMillis(5).toEpochMilli());
        // CloudWatch's event size: UTF-8 bytes of the message plus 26
        assertThat(web1.storedBytes()).isEqualTo("first".length() + "second".length() + "third".length() + 3 * 26);
        assertThat(web1.eventCount()).isEqualTo(3);
    }

    @Test
    void bothStoresAreChangeloggedSoANewInstanceRestoresThemFromKafka() {
        send(GROUP, "web-1", START, "kept", START);
        assertThat(harness.driver().producedTopicNames()).anyMatch(topic -> topic.endsWith(LogStores.EVENTS
            + "-changelog")).anyMatch(topic -> topic.endsWith(LogStores.STREAMS + "-changelog"));
    }

    @Test
    void eventsOfTheSameMillisecondAreAllKeptInTheOrderTheyWereWritten() {
        for (int i = 0; i < 5; i++) {
            send(GROUP, "web-1", START, "event " + i, START);
        }
        assertThat(messages(GROUP, "web-1", false)).containsExactly("event 0", "event 1", "event 2", "event 3",
            "event 4");
        final List<StoredLogEvent> events = local().read(GROUP, "web-1", LogPosition.first(Long.MIN_VALUE),
            LogPosition.last(Long.MAX_VALUE), false, 10, Long.MAX_VALUE);
        assertThat(events).extracting(StoredLogEvent::eventId).doesNotHaveDuplicates();
        assertThat(events).extracting(StoredLogEvent::ingestionTime).containsOnly(START.toEpochMilli());
    }

    @Test
    void invalidEventsAreNotKept() {
        send(GROUP, "web-1", START.minus(Duration.ofDays(15)), "too old", START);
        send(GROUP, "web-1", START.plus(Duration.ofHours(3)), "too new", START);
        send(GROUP, "bad:name", START, "bad stream name", START);
        send(GROUP, "web-1", START, "kept", START);

        assertThat(messages(GROUP, "web-1", false)).containsExactly("kept");
        assertThat(local().streams(GROUP)).containsOnlyKeys("web-1");
    }

    /**
     * A filter pattern turns events away on their stored bytes (FilterPattern.mayMatch) before decoding them: the
     * pages are those of a test that decodes every event, and the events it turned away still count as scanned.
     */
    @Test
    void aPatternsPagesAreThoseOfMatchingEveryDecodedMessage() {
        final Random random = new Random(11);
        final List<String> messages = List.of("ERROR disk full", "INFO all good", "{\"level\":\"error\",\"ms\":5}",
            "{\"level\":\"\\u0065rror\"}", "{\"level\":\"info\"}", "été ERROR ünïcode");
        for (int i = 0; i < 300; i++) {
            send(GROUP, "s" + random.nextInt(4), START.minusMillis(1 + random.nextInt(60_000)),
                messages.get(random.nextInt(messages.size())), START);
        }
        final List<String> streams = List.of("s0", "s1", "s2", "s3");
        final long start = START.minusSeconds(60).toEpochMilli();
        final long end = START.toEpochMilli();
        for (final String text : List.of("ERROR", "{ $.level = \"error\" }", "\"disk full\" -INFO")) {
            final FilterPattern pattern = FilterPattern.parse(text);
            final MessageTest everyDecoded = message -> pattern.match(message).isPresent();
            Optional<StoredLogEvent> after = Optional.empty();
            Optional<StoredLogEvent> afterDecoded = Optional.empty();
            do {
                final LocalLogEvents.FilterPage page = local().filter(GROUP, streams, start, end, after,
                    MessageTest.of(pattern), 7, 40);
                final LocalLogEvents.FilterPage decoded = local().filter(GROUP, streams, start, end, afterDecoded,
                    everyDecoded, 7, 40);
                assertThat(page.events()).as(text).isEqualTo(decoded.events());
                assertThat(page.stoppedAt()).as(text).isEqualTo(decoded.stoppedAt());
                after = page.stoppedAt();
                afterDecoded = decoded.stoppedAt();
            } while (after.isPresent());
        }
    }

    @Test
    void readsStopAtTheLimitAndBeforePassingTheByteCap() {
        for (int i = 0; i < 10; i++) {
            send(GROUP, "web-1", START.minusSeconds(100 - i), "0123456789", START); // 36 bytes each
        }
        final LogPosition from = LogPosition.first(Long.MIN_VALUE);
        final LogPosition to = LogPosition.last(Long.MAX_VALUE);
        assertThat(local().read(GROUP, "web-1", from, to, false, 4, Long.MAX_VALUE)).hasSize(4);
        assertThat(local().read(GROUP, "web-1", from, to, false, 100, 36 * 3 + 35)).hasSize(3);
        assertThat(local().read(GROUP, "web-1", from, to, true, 2, Long.MAX_VALUE))
            .extracting(StoredLogEvent::timestamp)
            .containsExactly(START.minusSeconds(91).toEpochMilli(), START.minusSeconds(92).toEpochMilli());
    }

    @Test
    void aFilterMergesStreamsInTimeOrderAndResumesAfterTheLastEventReturned() {
        send(GROUP, "a", START.minusSeconds(5), "ERROR a1", START);
        send(GROUP, "b", START.minusSeconds(4), "INFO b1", START);
        send(GROUP, "b", START.minusSeconds(3), "ERROR b2", START);
        send(GROUP, "a", START.minusSeconds(3), "ERROR a2", START);
        send(GROUP, "c", START.minusSeconds(1), "ERROR c1", START);
        final long start = START.minusSeconds(60).toEpochMilli();
        final long end = START.toEpochMilli();

        final LocalLogEvents.FilterPage all = local().filter(GROUP, List.of("a", "b", "c"), start, end,
            Optional.empty(), message -> message.startsWith("ERROR"), 100, 1_000);
        assertThat(all.events()).extracting(StoredLogEvent::message)
            .containsExactly("ERROR a1", "ERROR a2", "ERROR b2", "ERROR c1");
        assertThat(all.stoppedAt()).isEmpty();

        final LocalLogEvents.FilterPage first = local().filter(GROUP, List.of("a", "b", "c"), start, end,
            Optional.empty(), message -> message.startsWith("ERROR"), 2, 1_000);
        assertThat(first.events()).extracting(StoredLogEvent::message).containsExactly("ERROR a1", "ERROR a2");
        final LocalLogEvents.FilterPage rest = local().filter(GROUP, List.of("a", "b", "c"), start, end,
            first.stoppedAt(), message -> message.startsWith("ERROR"), 2, 1_000);
        assertThat(rest.events()).extracting(StoredLogEvent::message).containsExactly("ERROR b2", "ERROR c1");

        final LocalLogEvents.FilterPage scanLimited = local().filter(GROUP, List.of("a", "b"), start, end,
            Optional.empty(), message -> message.startsWith("ERROR"), 100, 2);
        assertThat(scanLimited.events()).extracting(StoredLogEvent::message).containsExactly("ERROR a1");
        assertThat(scanLimited.stoppedAt()).map(StoredLogEvent::message).contains("INFO b1");

        assertThat(local().filter(GROUP, List.of("a", "b", "c"), START.minusSeconds(4).toEpochMilli(),
            START.minusSeconds(3).toEpochMilli(), Optional.empty(), message -> true, 100, 1_000).events())
            .extracting(StoredLogEvent::message).containsExactly("INFO b1");
    }

    @Test
    void retentionRemovesEventsOlderThanTheGroupKeepsFromDiskAndFromTheStatistics() {
        harness.define(DefinitionKind.LOG_GROUP, """
            {"logGroupName": "%s", "creationTime": 0, "retentionInDays": 1}""".formatted(GROUP));
        harness.define(DefinitionKind.LOG_GROUP, """
            {"logGroupName": "/app/forever", "creationTime": 0}""");
        send(GROUP, "web-1", START.minus(Duration.ofDays(3)), "three days old", START);
        send(GROUP, "web-1", START.minus(Duration.ofHours(25)), "a day and an hour old", START);
        send(GROUP, "web-1", START.minus(Duration.ofHours(23)), "23 hours old", START);
        send(GROUP, "web-2", START.minus(Duration.ofDays(2)), "only old events", START);
        send("/app/forever", "web-1", START.minus(Duration.ofDays(3)), "kept forever", START);
        send("/app/never-created", "web-1", START.minus(Duration.ofDays(3)), "no group, no retention", START);

        harness.driver().advanceWallClockTime(EXPIRY);

        assertThat(messages(GROUP, "web-1", false)).containsExactly("23 hours old");
        assertThat(messages(GROUP, "web-2", false)).isEmpty();
        assertThat(local().streams(GROUP)).containsOnlyKeys("web-1");
        final LogStreamStats web1 = local().streams(GROUP).get("web-1");
        assertThat(web1.firstEventTimestamp()).isEqualTo(START.minus(Duration.ofHours(23)).toEpochMilli());
        assertThat(web1.storedBytes()).isEqualTo("23 hours old".length() + 26);
        assertThat(web1.eventCount()).isEqualTo(1);
        assertThat(messages("/app/forever", "web-1", false)).containsExactly("kept forever");
        assertThat(messages("/app/never-created", "web-1", false)).containsExactly("no group, no retention");
        final KeyValueStore<Bytes, byte[]> events = harness.driver().getKeyValueStore(LogStores.EVENTS);
        assertThat(events.approximateNumEntries()).isEqualTo(3);

        // time passes: the last one expires too
        harness.driver().advanceWallClockTime(Duration.ofHours(2));
        assertThat(messages(GROUP, "web-1", false)).isEmpty();
        assertThat(local().streams(GROUP)).isEmpty();
    }

    @Test
    void everyAuditRecordIsKeptOnceInTheAuditGroupAsItsCloudTrailJsonInTheStreamCloudTrailNames() throws Exception {
        final AuditEvent deleteBucket = auditEvent("DeleteBucket", START.minusSeconds(5));
        harness.input(Topics.AUDIT).pipeInput(deleteBucket.getEventID(), deleteBucket, START);
        harness.input(Topics.AUDIT).pipeInput("e2", auditEvent("ListBuckets", START.minusSeconds(2)), START);
        // nobody but the trail writes the audit group
        send(AuditLogGroup.NAME, TRAIL_STREAM, START.minusSeconds(1), "{\"eventName\":\"Forged\"}", START);

        assertThat(local().streams(AuditLogGroup.NAME)).containsOnlyKeys(TRAIL_STREAM);
        final List<StoredLogEvent> events = local().read(AuditLogGroup.NAME, TRAIL_STREAM,
            LogPosition.first(Long.MIN_VALUE), LogPosition.last(Long.MAX_VALUE), false, 100, Long.MAX_VALUE);
        assertThat(events).hasSize(2);
        assertThat(events.get(0).timestamp()).isEqualTo(START.minusSeconds(5).toEpochMilli());
        final JsonNode record = Definitions.MAPPER.readTree(events.get(0).message());
        assertThat(record.path("eventName").asText()).isEqualTo("DeleteBucket");
        assertThat(record.path("eventID").asText()).isEqualTo(deleteBucket.getEventID());
        assertThat(record.path("eventTime").asText()).isEqualTo("2026-11-21T09:59:55Z");
        assertThat(Definitions.MAPPER.readTree(events.get(1).message()).path("eventName").asText())
            .isEqualTo("ListBuckets");
    }

    @Test
    void theAuditGroupsRetentionRemovesOldRecordsWhateverTheirAge() {
        harness.define(DefinitionKind.LOG_GROUP, """
            {"logGroupName": "trailwatch/audit", "creationTime": 0, "retentionInDays": 1}""");
        // older than PutLogEvents' 14 days: the trail's own records are kept until their retention removes them
        harness.input(Topics.AUDIT).pipeInput("old", auditEvent("DeleteBucket", START.minus(Duration.ofDays(20))),
            START);
        harness.input(Topics.AUDIT).pipeInput("two", auditEvent("DeleteBucket", START.minus(Duration.ofDays(2))),
            START);
        harness.input(Topics.AUDIT).pipeInput("new", auditEvent("PutObject", START.minusSeconds(60)), START);
        assertThat(local().streams(AuditLogGroup.NAME).get(TRAIL_STREAM).eventCount()).isEqualTo(3);

        harness.driver().advanceWallClockTime(EXPIRY);

        assertThat(messages(AuditLogGroup.NAME, TRAIL_STREAM, false)).singleElement().asString()
            .contains("\"eventName\":\"PutObject\"");
        assertThat(local().streams(AuditLogGroup.NAME).get(TRAIL_STREAM).eventCount()).isEqualTo(1);
    }
}
