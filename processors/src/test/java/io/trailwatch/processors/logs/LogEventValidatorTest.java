package io.trailwatch.processors.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailwatch.avro.LogEvent;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LogEventValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private static LogEvent event(final String group, final String stream, final Instant time, final String message) {
        return new LogEvent(group, stream, time, message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "/aws/lambda/orders-api", "CloudTrail/DefaultLogGroup", "app.prod_web-1#blue"})
    void acceptsLogGroupNamesOfTheAllowedCharacters(final String group) {
        assertThatCode(() -> LogEventValidator.validate(event(group, "s", NOW, "m"), NOW)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "colon:", "star*", "ünicode"})
    void rejectsOtherLogGroupNames(final String group) {
        assertThatThrownBy(() -> LogEventValidator.validate(event(group, "s", NOW, "m"), NOW))
            .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.field()).isEqualTo("logGroup"));
    }

    @Test
    void logGroupAndStreamNamesAreAtMost512Characters() {
        assertThatCode(() -> LogEventValidator.validate(event("g".repeat(512), "s".repeat(512), NOW, "m"), NOW))
            .doesNotThrowAnyException();
        assertThatThrownBy(() -> LogEventValidator.validate(event("g".repeat(513), "s", NOW, "m"), NOW))
            .hasMessageContaining("at most 512 characters, got 513");
        assertThatThrownBy(() -> LogEventValidator.validate(event("g", "s".repeat(513), NOW, "m"), NOW))
            .hasMessageContaining("logStream");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "i-0abc:stdout", "web*"})
    void rejectsStreamNamesThatAreEmptyOrHaveAColonOrAnAsterisk(final String stream) {
        assertThatThrownBy(() -> LogEventValidator.validate(event("g", stream, NOW, "m"), NOW))
            .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.field()).isEqualTo("logStream"));
    }

    @Test
    void theEventSizeIsTheMessagesUtf8BytesPlus26() {
        final int largest = LogEventValidator.MAX_EVENT_BYTES - LogEventValidator.EVENT_OVERHEAD_BYTES;
        assertThatCode(() -> LogEventValidator.validate(event("g", "s", NOW, "x".repeat(largest)), NOW))
            .doesNotThrowAnyException();
        // "é" is two bytes in UTF-8: half as many characters reach the same size.
        assertThatThrownBy(() -> LogEventValidator.validate(event("g", "s", NOW, "é".repeat(largest / 2 + 1)), NOW))
            .hasMessageContaining("event size 262146 bytes");
        assertThat(LogEventValidator.utf8Length("a€😀")).isEqualTo(1 + 3 + 4);
    }

    @Test
    void timestampsMayBeUpTo2HoursAheadAnd14DaysBehind() {
        assertThatCode(() -> LogEventValidator.validate(event("g", "s", NOW.plus(Duration.ofHours(2)), "m"), NOW))
            .doesNotThrowAnyException();
        assertThatCode(() -> LogEventValidator.validate(event("g", "s", NOW.minus(Duration.ofDays(14)), "m"), NOW))
            .doesNotThrowAnyException();
        assertThatThrownBy(() -> LogEventValidator.validate(event("g", "s", NOW.plus(Duration.ofHours(2)).plusMillis(1),
            "m"), NOW)).hasMessageContaining("more than 2 hours in the future");
        assertThatThrownBy(() -> LogEventValidator.validate(event("g", "s", NOW.minus(Duration.ofDays(14)).minusMillis(1),
            "m"), NOW)).hasMessageContaining("more than 14 days in the past");
    }
}
