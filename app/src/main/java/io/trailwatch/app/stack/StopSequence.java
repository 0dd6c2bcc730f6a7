package io.trailwatch.app.stack;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order in which the local stack stops: what takes requests first (the HTTP API), then what consumes and
 * produces (the Connect worker, then the stream threads, which commit, and the other Kafka clients), then the
 * services they all used (the registry, S3Proxy), and the broker last, so that nobody is left retrying a broker
 * that is gone. Components join as they start; stopping reports each one stopped, with how long it took.
 */
public final class StopSequence {

    private static final Logger LOG = LoggerFactory.getLogger(StopSequence.class);

    /** When a component stops, in order. */
    public enum Stage {
        /** What the demo publishes and prints: it stops before anything it uses. */
        DEMO,
        HTTP_API,
        /** The Connect worker, and what its connectors deliver to (the demo's webhook), after it. */
        CONNECT,
        /** The stream threads and the other Kafka clients of the features. */
        PROCESSORS,
        /** The registry and S3Proxy. */
        CHILD_PROCESSES,
        BROKER
    }

    private record Entry(Stage stage, String name, AutoCloseable component, int order) { }

    private final List<Entry> entries = new ArrayList<>();

    /** Adds a component; within a stage, the last added stops first (it may use those before it). */
    public synchronized void add(final Stage stage, final String name, final AutoCloseable component) {
        entries.add(new Entry(stage, name, component, entries.size()));
    }

    /**
     * Stops every component added, in order, each once: a second call (another shutdown hook, a close after the
     * hook) waits for the first and finds nothing left. Reports {@code "<name> (<ms> ms)"} for each.
     */
    public synchronized void stop(final Consumer<String> stopped) {
        final List<Entry> ordered = new ArrayList<>(entries);
        entries.clear();
        ordered.sort(Comparator.comparing(Entry::stage).thenComparing(Entry::order, Comparator.reverseOrder()));
        for (final Entry entry : ordered) {
            final long begin = System.nanoTime();
            try {
                entry.component().close();
                stopped.accept(entry.name() + " (" + (System.nanoTime() - begin) / 1_000_000 + " ms)");
            } catch (final Exception e) {
                LOG.warn("Error stopping {}: {}", entry.name(), e.toString());
            }
        }
    }
}
