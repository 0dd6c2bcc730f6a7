package io.trailwatch.processors.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class RecordCacheConfigTest {

    private static final Map<String, Object> REQUIRED = Map.of(ProcessorsConfig.BOOTSTRAP_SERVERS, "unused:9092",
        ProcessorsConfig.SCHEMA_REGISTRY_URL, "http://unused");

    @Test
    void theRecordCacheHoldsTheStatusesOfTensOfThousandsOfAlarms() {
        final Object bytes = new ProcessorsConfig(REQUIRED).streamsProperties()
            .get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG);
        assertThat(new StreamsConfig(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "a",
            StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "b:1", StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, bytes))
            .getLong(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).isEqualTo(64L * 1024 * 1024);
    }

    @Test
    void anOperatorsOwnCacheSizeIsKept() {
        final Map<String, Object> own = new HashMap<>(REQUIRED);
        own.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 1024L);
        assertThat(new ProcessorsConfig(own).streamsProperties().get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG))
            .isEqualTo(1024L);
    }
}
