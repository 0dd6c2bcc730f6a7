package io.trailwatch.app.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.avro.LogEvent;
import io.trailwatch.aws.AwsInput;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.time.Duration;
import java.time.Instant;
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
        // 2 events: 2 * 26 + message bytes; "é" is two bytes in UTF-8.
        final int limit = LogEventBatch.MAX_BATCH_BYTES - 2 * 26;
        batch(Optional.empty(), event(NOW, "a".repeat(limit / 2)), event(NOW, "a".repeat(limit / 2)));
        assertThatThrownBy(() -> batch(Optional.empty(), event(NOW, "é".repeat(limit / 4 + 1)),
            event(NOW, "a".repeat(limit / 2))))
            .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                assertThat(e.field()).isEqualTo("logEvents");
                assertThat(e.reason()).contains("1048578 bytes").contains("1048576");
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
