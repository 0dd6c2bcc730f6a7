package io.trailwatch.processors.logs.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailwatch.processors.runtime.StoreRocksDbConfig;
import java.util.Map;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;
import org.junit.jupiter.api.Test;

class LogStorageRocksDbConfigTest {

    @Test
    void theLogEventStoreCompressesLargerBlocksAndOtherStoresAreLeftAlone() {
        final StoreRocksDbConfig setter = new StoreRocksDbConfig();
        try (Options events = withTable(); Options other = withTable()) {
            setter.setConfig(LogStores.EVENTS, events, Map.of());
            setter.setConfig(LogStores.STREAMS, other, Map.of());

            assertThat(events.compressionType()).isEqualTo(CompressionType.LZ4_COMPRESSION);
            assertThat(events.bottommostCompressionType()).isEqualTo(CompressionType.ZSTD_COMPRESSION);
            assertThat(((BlockBasedTableConfig) events.tableFormatConfig()).blockSize())
                .isEqualTo(LogStorageRocksDbConfig.BLOCK_SIZE);
            assertThat(other.compressionType()).isEqualTo(CompressionType.NO_COMPRESSION);
            assertThat(((BlockBasedTableConfig) other.tableFormatConfig()).blockSize()).isEqualTo(4 * 1024);
        }
    }

    /** As Kafka Streams hands options to a setter: uncompressed, with a block-based table. */
    private static Options withTable() {
        return new Options().setCompressionType(CompressionType.NO_COMPRESSION)
            .setTableFormatConfig(new BlockBasedTableConfig());
    }
}
