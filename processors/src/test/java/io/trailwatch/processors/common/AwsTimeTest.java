package io.trailwatch.processors.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AwsTimeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2026-11-21T10:15:30Z,         2026-11-21T10:15:30Z",
        "2026-11-21T10:15:30.250Z,     2026-11-21T10:15:30.250Z",
        "2026-11-21T10:15:30+01:00,    2026-11-21T09:15:30Z",
        "2026-11-21T10:15:30,          2026-11-21T10:15:30Z",
        "2026-11-21,                   2026-11-21T00:00:00Z",
        "1795262400,                   2026-11-21T12:00:00Z",
        "1795262400.5,                 2026-11-21T12:00:00.500Z",
        "-1.5,                         1969-12-31T23:59:58.500Z",
        "' 2026-11-21T10:15:30Z ',     2026-11-21T10:15:30Z"})
    void readsEveryFormTheAwsCliTakes(final String text, final Instant expected) {
        assertThat(AwsTime.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"yesterday", "", "2026-13-01T00:00:00Z", "2026-11-31", "21/11/2026", "1e9",
        "99999999999999999999999"})
    void rejectsAnythingElseAsATimeError(final String text) {
        assertThatThrownBy(() -> AwsTime.parse(text)).isInstanceOf(DateTimeException.class)
            .hasMessageStartingWith("must be a time, ISO 8601").hasMessageEndingWith(", was '" + text + "'");
    }
}
