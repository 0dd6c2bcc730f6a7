package io.trailwatch.processors.runtime;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.trailwatch.avro.ConfigEntry;
import io.trailwatch.processors.common.InstanceRouter;
import io.trailwatch.processors.config.ConfigStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a topology in this JVM and reports its health: the runtime below the features, which the wiring above hands
 * the topology to ({@code TrailwatchTopology.runtime}).
 */
public final class ProcessorsRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorsRuntime.class);

    private final KafkaStreams streams;
    private final InstanceRouter router;
    private final CountDownLatch running = new CountDownLatch(1);
    private final CompositeMeterRegistry meters;
    private final RestoringStores restoring = new RestoringStores();

    public ProcessorsRuntime(final ProcessorsConfig config, final Topology topology) {
        this(config, topology, new CompositeMeterRegistry());
    }

    /** @param meters where the topology records its own meters: the app adds the registries it exports to */
    public ProcessorsRuntime(final ProcessorsConfig config, final Topology topology,
                             final CompositeMeterRegistry meters) {
        this.meters = meters;
        this.streams = new KafkaStreams(topology, config.streamsProperties(), new ServedTopicsClientSupplier());
        this.router = new InstanceRouter(streams, config.applicationServer());
        // A failed stream thread is replaced rather than taking the instance down; state is in changelogs.
        streams.setUncaughtExceptionHandler(exception -> {
            LOG.error("Stream thread failed; replacing it", exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setGlobalStateRestoreListener(restoring);
        streams.setStateListener((next, previous) -> {
            if (next == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
    }

    /** Waits until the stream threads first run their tasks; false when the timeout passes first. */
    public boolean awaitRunning(final Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public ProcessorsRuntime start() {
        streams.start();
        return this;
    }

    /** The processors' own meters (alarm evaluation latency); registries added here receive them. */
    public CompositeMeterRegistry meters() {
        return meters;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Routes interactive queries to the instance holding the data. */
    public InstanceRouter router() {
        return router;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Ready when every stream thread is running its tasks. */
    public boolean isRunning() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    /**
     * The state stores being restored from their changelogs now ({@code store[partition]}): while any is, queries
     * see incomplete state and this instance is not ready.
     */
    public java.util.Set<String> restoringStores() {
        return restoring.now();
    }

    /** Whether this instance's config store holds the definition with the given key ({@code <kind>/<name>}). */
    public boolean hasDefinition(final String key) {
        return configStore().get(key) != null;
    }

    /**
     * This instance's copy of the config topic (a global store: every instance holds every definition, so reads
     * need no routing). Throws InvalidStateStoreException while the store is not yet restored.
     */
    public ReadOnlyKeyValueStore<String, ConfigEntry> configStore() {
        return streams.store(StoreQueryParameters.fromNameAndType(ConfigStore.NAME, QueryableStoreTypes.keyValueStore()));
    }

    public List<String> threadStates() {
        return streams.metadataForLocalThreads().stream()
            .map(thread -> thread.threadName() + "=" + thread.threadState())
            .toList();
    }

    public int threadCount() {
        return streams.metadataForLocalThreads().size();
    }

    /**
     * Stops and leaves the group. Streams by default stays a member until its session times out (45 s), so that a
     * quick restart gets its tasks back; but an alarm whose task sits with a stopped instance is not evaluated
     * meanwhile, and a late alarm costs users more than the extra rebalance of a rolling restart.
     */
    @Override
    public void close() {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(30)));
    }
}
