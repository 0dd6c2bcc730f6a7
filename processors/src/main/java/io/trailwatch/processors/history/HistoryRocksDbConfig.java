package io.trailwatch.processors.history;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Options;

/**
 * RocksDB settings of the event history's stores; other stores keep Kafka Streams' defaults.
 *
 * <p>Kafka Streams sets {@code optimize_filters_for_hits}, which leaves the largest sorted run without Bloom
 * filters: right for stores whose lookups find their key, slow for the history's, which mostly miss (the
 * duplicate check of every new event, and the index lookups that check a query's other filters). With filters on
 * every run a miss costs about half as much (4.8 vs 11 microseconds over 1.5 million events here).
 *
 * <p>The events store also keeps a Bloom filter over its memtables (whole keys, 5% of a write buffer): every new
 * event's duplicate check is a miss, and without the filter each miss searched the three memtables' skip lists
 * before the files' filters. The check went from 6.5 to 3.4 microseconds per event (bench lookup --history-only,
 * 2 million events).
 *
 * <p>They also read their files through memory maps. A lookup reads fifty events at random keys, plus index
 * entries, and each read of a block outside RocksDB's small block cache was a system call and a copy; mapped, it
 * is a read of memory the page cache already holds. Over a million events a point read went from about 13 to
 * about 8 microseconds, and lookups over HTTP from about 850 to about 1,200 a second. The cost: a file that
 * cannot be read (a disk error, a file truncated under the process) stops the JVM with SIGBUS instead of failing
 * one read with an exception; the stores are rebuilt from their changelogs on restart.
 */
public final class HistoryRocksDbConfig implements RocksDBConfigSetter {

    private static final double MEMTABLE_BLOOM_RATIO = 0.05;
    private static final Set<String> STORES = Set.of(HistoryStores.EVENTS, HistoryStores.INDEX);

    @Override
    public void setConfig(final String storeName, final Options options, final Map<String, Object> configs) {
        if (STORES.contains(storeName)) {
            options.setOptimizeFiltersForHits(false);
            options.setAllowMmapReads(true);
        }
        if (HistoryStores.EVENTS.equals(storeName)) {
            options.setMemtableWholeKeyFiltering(true);
            options.setMemtablePrefixBloomSizeRatio(MEMTABLE_BLOOM_RATIO);
        }
    }

    @Override
    public void close(final String storeName, final Options options) {
        // nothing was allocated
    }
}
