package io.trailwatch.processors.alarm.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.avro.AlarmStateValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

    private final Serde<AlarmStatus> serde = JsonSerde.of(AlarmStatus.class);

    private static AlarmStatus status() {
        final TreeMap<Long, AlarmStatus.StoredDatapoint> datapoints = new TreeMap<>();
        datapoints.put(1_700_000_000_000L, new AlarmStatus.StoredDatapoint(92.5, 3));
        datapoints.put(1_700_000_060_000L, new AlarmStatus.StoredDatapoint(null, 0));
        return new AlarmStatus(AlarmStatus.METRIC_ALARM, 1_699_999_000_000L, "{\"AlarmName\":\"cpu \\\"high\\\"\"}",
            "AWS/EC2|CPUUtilization", AlarmStateValue.ALARM, "Threshold Crossed: 1 out of the last 1 datapoints",
            "{\"version\":\"1.0\"}", 1_700_000_061_000L, null, 4, 1_700_000_061_000L, datapoints, null, Long.MIN_VALUE,
            new AlarmStatus.HeldTransition("id-1", 4, AlarmStateValue.OK, "ok", null, 1_699_999_500_000L,
                List.of("maintenance"), 1_700_003_600_000L));
    }

    @Test
    void writesSmileAndReadsItBack() {
        final byte[] bytes = serde.serializer().serialize("changelog", status());
        assertThat(new String(bytes, 0, 3, StandardCharsets.ISO_8859_1)).as("Smile's header").isEqualTo(":)\n");
        assertThat(serde.deserializer().deserialize("changelog", bytes)).isEqualTo(status());
    }

    @Test
    void readsStateThatEarlierVersionsWroteAsJsonText() throws Exception {
        final byte[] text = new ObjectMapper().writeValueAsBytes(status());
        assertThat(text[0]).isEqualTo((byte) '{');
        assertThat(serde.deserializer().deserialize("changelog", text)).isEqualTo(status());
    }

    @Test
    void corruptStateIsAnErrorNamingTheType() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("changelog", "{not json".getBytes(
            StandardCharsets.UTF_8))).isInstanceOf(SerializationException.class).hasMessageContaining("AlarmStatus");
    }

    @Test
    void nullIsATombstone() {
        assertThat(serde.serializer().serialize("changelog", null)).isNull();
        assertThat(serde.deserializer().deserialize("changelog", null)).isNull();
    }
}
