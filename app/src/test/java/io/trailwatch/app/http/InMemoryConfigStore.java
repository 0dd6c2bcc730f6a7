package io.trailwatch.app.http;

import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.processors.config.DefinitionEntry;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** A config store in memory, standing for an instance's copy of the config topic in tests without Kafka. */
public final class InMemoryConfigStore implements ReadOnlyKeyValueStore<String, ConfigEntry> {

    private final TreeMap<String, ConfigEntry> entries = new TreeMap<>();

    public InMemoryConfigStore put(final DefinitionEntry entry) {
        entries.put(entry.key(), new ConfigEntry(entry.kind().id(), entry.name(), entry.definitionJson(),
            Instant.parse("2026-11-21T10:00:00Z")));
        return this;
    }

    @Override
    public ConfigEntry get(final String key) {
        return entries.get(key);
    }

    @Override
    public KeyValueIterator<String, ConfigEntry> range(final String from, final String to) {
        return iterator(entries.subMap(from, true, to, true));
    }

    @Override
    public KeyValueIterator<String, ConfigEntry> all() {
        return iterator(entries);
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<String, ConfigEntry> prefixScan(final P prefix,
                                                                                         final PS serializer) {
        final String start = prefix.toString();
        return iterator(entries.tailMap(start, true).headMap(start + Character.MAX_VALUE, false));
    }

    @Override
    public long approximateNumEntries() {
        return entries.size();
    }

    private static KeyValueIterator<String, ConfigEntry> iterator(final NavigableMap<String, ConfigEntry> view) {
        final Iterator<Map.Entry<String, ConfigEntry>> entries = Map.copyOf(view).entrySet().stream()
            .sorted(Map.Entry.comparingByKey()).iterator();
        return new KeyValueIterator<>() {
            private Map.Entry<String, ConfigEntry> peeked;

            @Override
            public boolean hasNext() {
                return peeked != null || entries.hasNext();
            }

            @Override
            public KeyValue<String, ConfigEntry> next() {
                final Map.Entry<String, ConfigEntry> entry = peeked != null ? peeked : entries.next();
                peeked = null;
                return KeyValue.pair(entry.getKey(), entry.getValue());
            }

            @Override
            public String peekNextKey() {
                if (peeked == null) {
                    peeked = entries.next();
                }
                return peeked.getKey();
            }

            @Override
            public void close() {
            }
        };
    }
}
