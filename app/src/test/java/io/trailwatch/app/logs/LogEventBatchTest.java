package io.trailwatch.app.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.avro.LogEvent;
import io.trailwatch.aws.AwsInput;
import io.trailwatch.processors.logs.LogEventValidator;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LogEventBatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void eventsOutsideTheAcceptedTimesAreRejectedByIndexAndTheRestAccepted() {
        final LogEventBatch batch = batch(Optional.of(Duration.ofDays(1)),
            event(NOW.minus(Duration.ofDays(15)), "too old"),
            event(NOW.minus(Duration.ofDays(2)), "expired"),
            event(NOW.minus(Duration.ofDays(2)).plusMillis(1), "expired too"),
            event(NOW, "kept"),
            event(NOW.plus(Duration.ofMinutes(119)), "kept too"),
            event(NOW.plus(Duration.ofHours(3)), "too new"));

        assertThat(batch.accepted()).extracting(LogEvent::getMessage).containsExactly("kept", "kept too");
        assertThat(batch.accepted().get(0).getLogGroup()).isEqualTo("/app");
        assertThat(batch.tooOldLogEventEndIndex()).isEqualTo(OptionalInt.of(1));
        assertThat(batch.expiredLogEventEndIndex()).isEqualTo(OptionalInt.of(3));
        assertThat(batch.tooNewLogEventStartIndex()).isEqualTo(OptionalInt.of(5));
    }

    @Test
    void aBatchOfAcceptedEventsReportsNoRejection() {
        final LogEventBatch batch = batch(Optional.empty(), event(NOW.minus(Duration.ofDays(13)), "a"),
            event(NOW.minus(Duration.ofDays(13)).plus(Duration.ofHours(24)), "b"));

        assertThat(batch.accepted()).hasSize(2);
        assertThat(batch.tooOldLogEventEndIndex()).isEmpty();
        assertThat(batch.expiredLogEventEndIndex()).isEmpty();
        assertThat(batch.tooNewLogEventStartIndex()).isEmpty();
    }

    @Test
    void theBatchSizeCountsUtf8BytesAndTwentySixPerEvent() {
        // 8 events: 8 * 26 + message bytes (each a quarter of an event's maximum); "é" is two bytes in UTF-8.
        final int each = (LogEventBatch.MAX_BATCH_BYTES - 8 * 26) / 8;
        final List<ObjectNode> full = Collections.nCopies(8, event(NOW, "a".repeat(each)));
        batch(Optional.empty(), full.toArray(ObjectNode[]::new));
        final List<ObjectNode> over = new ArrayList<>(full);
        over.set(0, event(NOW, "é".repeat(each / 2) + "a"));
        assertThatThrownBy(() -> batch(Optional.empty(), over.toArray(ObjectNode[]::new)))
            .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                assertThat(e.field()).isEqualTo("logEvents");
                assertThat(e.reason()).contains("1048577 bytes").contains("1048576");
            });
    }

    @Test
    void oneEventIsAtMost256KiBWithItsOverheadAndALargerOneIsNamed() {
        final int largest = LogEventValidator.MAX_EVENT_BYTES - LogEventValidator.EVENT_OVERHEAD_BYTES;
        assertThat(batch(Optional.empty(), event(NOW, "a".repeat(largest))).accepted()).hasSize(1);
        assertThatThrownBy(() -> batch(Optional.empty(), event(NOW, "ok"), event(NOW, "a".repeat(largest + 1))))
            .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                assertThat(e.field()).isEqualTo("logEvents[1].message");
                assertThat(e.reason()).contains("262145 bytes").contains("262144");
            });
    }

    @Test
    void theBatchRulesAreChecked() {
        assertThatThrownBy(() -> batch(Optional.empty(), event(NOW, "b"), event(NOW.minusMillis(1), "a")))
            .hasMessageContaining("chronological order");
        assertThatThrownBy(() -> batch(Optional.empty(), event(NOW.minus(Duration.ofHours(25)), "a"),
            event(NOW, "b"))).hasMessageContaining("24 hours");
        assertThatThrownBy(() -> batch(Optional.empty())).hasMessageContaining("1 to 10000 events");
        assertThatThrownBy(() -> batch(Optional.empty(), event(NOW, "")))
            .isInstanceOfSatisfying(InvalidRecordException.class, e ->
                assertThat(e.field()).isEqualTo("logEvents[0].message"));
        final ObjectNode noTimestamp = JSON.createObjectNode().put("message", "m");
        assertThatThrownBy(() -> batch(Optional.empty(), noTimestamp))
            .isInstanceOfSatisfying(InvalidRecordException.class, e ->
                assertThat(e.field()).isEqualTo("logEvents[0].timestamp"));
    }

    private static LogEventBatch batch(final Optional<Duration> retention, final ObjectNode... events) {
        final ObjectNode input = JSON.createObjectNode();
        final ArrayNode list = input.putArray("logEvents");
        for (final ObjectNode event : events) {
            list.add(event);
        }
        return LogEventBatch.of("/app", "web", AwsInput.of(input), retention, NOW);
    }

    private static ObjectNode event(final Instant timestamp, final String message) {
        return JSON.createObjectNode().put("timestamp", timestamp.toEpochMilli()).put("message", message);
    }
}
