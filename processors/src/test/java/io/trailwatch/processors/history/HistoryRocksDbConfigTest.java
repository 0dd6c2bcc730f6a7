package io.trailwatch.processors.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.processors.runtime.ProcessorsConfig;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.rocksdb.Options;

class HistoryRocksDbConfigTest {

    @Test
    void historyStoresKeepBloomFiltersOnEveryRunAndTheEventsMemtablesAndReadThroughMappedFilesAndOtherStoresAreLeftAlone() {
        final HistoryRocksDbConfig setter = new HistoryRocksDbConfig();
        try (Options history = new Options().setOptimizeFiltersForHits(true);
             Options index = new Options().setOptimizeFiltersForHits(true);
             Options other = new Options().setOptimizeFiltersForHits(true)) {
            setter.setConfig(HistoryStores.EVENTS, history, Map.of());
            setter.setConfig(HistoryStores.INDEX, index, Map.of());
            setter.setConfig("alarm-status", other, Map.of());

            assertThat(history.optimizeFiltersForHits()).isFalse();
            assertThat(index.optimizeFiltersForHits()).isFalse();
            assertThat(other.optimizeFiltersForHits()).isTrue();
            assertThat(history.allowMmapReads()).isTrue();
            assertThat(index.allowMmapReads()).isTrue();
            assertThat(other.allowMmapReads()).isFalse();
            // The duplicate check of every new event misses: a Bloom filter over the memtables answers it.
            assertThat(history.memtableWholeKeyFiltering()).isTrue();
            assertThat(history.memtablePrefixBloomSizeRatio()).isPositive();
            assertThat(index.memtablePrefixBloomSizeRatio()).isZero();
            assertThat(other.memtablePrefixBloomSizeRatio()).isZero();
        }
    }

    @Test
    void theProcessorsUseItUnlessTheOperatorSetsTheirOwn() {
        final Map<String, Object> required = Map.of(ProcessorsConfig.BOOTSTRAP_SERVERS, "unused:9092",
            ProcessorsConfig.SCHEMA_REGISTRY_URL, "http://unused");
        assertThat(new ProcessorsConfig(required).streamsProperties().get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG))
            .isEqualTo(io.trailwatch.processors.runtime.StoreRocksDbConfig.class);

        final Map<String, Object> own = new java.util.HashMap<>(required);
        own.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, "com.example.Tuning");
        assertThat(new ProcessorsConfig(own).streamsProperties().get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG))
            .isEqualTo("com.example.Tuning");
    }
}
