package io.trailwatch.bench;

import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code --streams-config} option of the benchmarks that run Trailwatch's processors: Kafka Streams or client
 * settings passed through to them, to measure one against the defaults.
 */
final class StreamsSettings {

    @Option(names = "--streams-config", paramLabel = "KEY=VALUE",
        description = "A Kafka Streams or client setting for the processors, repeatable (e.g. "
            + "statestore.cache.max.bytes=10485760); Trailwatch's own settings win where they set the same key.")
    Map<String, String> values = new HashMap<>();

    /** Adds the settings given to the processors' own, where those do not set the same key. */
    void addTo(final Map<String, Object> settings) {
        values.forEach(settings::putIfAbsent);
    }
}
