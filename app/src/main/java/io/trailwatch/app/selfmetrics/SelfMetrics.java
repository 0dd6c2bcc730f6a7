package io.trailwatch.app.selfmetrics;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.app.http.access.ApiCatalogue;
import io.trailwatch.app.stack.StartedResources;
import io.trailwatch.avro.MetricDatum;
import io.trailwatch.processors.alarm.topology.AlarmTopology;
import io.trailwatch.processors.runtime.ProcessorsConfig;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.schemas.serde.SerdeContext;
import io.trailwatch.stack.ConnectCredentials;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;

/**
 * Trailwatch's own metrics: served at {@code GET /metrics} in Prometheus' text format, behind the API's gate like
 * every route ({@code trailwatch:GetMetrics}, HTTP Basic with an access key, audited), and written every minute as
 * CloudWatch metrics in {@code Trailwatch/...} ({@link CloudWatchExport}).
 * <ul>
 *   <li>the JVM's (memory, GC, threads, classes, CPU, uptime) and every Kafka Streams client's metrics as Kafka
 *       reports them (Micrometer's {@link KafkaStreamsMetrics}): records consumed and produced per topic
 *       ({@value #RECORDS_IN}, {@value #RECORDS_OUT}) and per stage ({@value #RECORDS_PROCESSED}), the processors'
 *       own counters of records they could not use,
 *       RocksDB state stores' sizes ({@value #STATE_STORE_KEYS}; of the stores' metrics, only the sizes:
 *       {@link StateStoreSizesOnly});</li>
 *   <li>dead-lettered and late records, alarm transitions, notifications ({@link TopicOutcomes});</li>
 *   <li>consumer lag per group and partition, the archive's lag ({@link ConsumerLag});</li>
 *   <li>HTTP requests by route and status ({@link HttpRequestMetrics});</li>
 *   <li>the local Connect worker's own, the archive's upload failures among them ({@link ConnectWorkerMetrics}).</li>
 * </ul>
 */
public final class SelfMetrics implements ApiRoutes, AutoCloseable {

    /** Kafka's {@code records-consumed-total} of the stream threads' consumers, per topic. */
    static final String RECORDS_IN = "kafka.consumer.fetch.manager.records.consumed.total";
    /** Kafka's {@code record-send-total} of the stream threads' producers, per topic. */
    static final String RECORDS_OUT = "kafka.producer.topic.record.send.total";
    /** Kafka Streams' {@code process-total} of each processor node: the records each stage of the topology took. */
    static final String RECORDS_PROCESSED = "kafka.stream.processor.node.process.total";
    /** RocksDB's estimate of the keys in each persistent state store (Kafka Streams' {@code estimate-num-keys}). */
    static final String STATE_STORE_KEYS = "kafka.stream.state.estimate.num.keys";
    /** How long after a period ended alarms were evaluated on it, recorded by the alarm processor. */
    static final String ALARM_EVALUATION = AlarmTopology.EVALUATION_LATENCY;
    /**
     * How often the Kafka clients' metrics are looked for again: a topic's or a task's appear when the client first
     * uses it (Micrometer's default is a minute).
     */
    private static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(15);
    /** Prometheus' text exposition format, version 0.0.4: what {@link PrometheusMeterRegistry#scrape()} writes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final StartedResources started = new StartedResources();
    private final HttpRequestMetrics requests = new HttpRequestMetrics(registry);
    private final ConnectWorkerMetrics connectWorker = started.owned(new ConnectWorkerMetrics(registry));
    private final CloudWatchExport export;

    private SelfMetrics(final Consumer<List<MetricDatum>> cloudWatch) {
        this.export = new CloudWatchExport(registry, cloudWatch, Clock.systemUTC());
    }

    /**
     * Binds the instance's metrics and starts counting; {@code cloudWatch} writes the minute's datums (the
     * PutMetricData path).
     */
    public static SelfMetrics start(final ProcessorsRuntime runtime, final ProcessorsConfig processors,
                                    final KafkaAccess kafka, final SerdeContext serdes, final Admin admin,
                                    final Consumer<List<MetricDatum>> cloudWatch) {
        final SelfMetrics metrics = new SelfMetrics(cloudWatch);
        try {
            metrics.registry.config().meterFilter(new StateStoreSizesOnly()).meterFilter(new PrometheusNaming());
            new ClassLoaderMetrics().bindTo(metrics.registry);
            new JvmMemoryMetrics().bindTo(metrics.registry);
            metrics.owned(new JvmGcMetrics()).bindTo(metrics.registry);
            new JvmThreadMetrics().bindTo(metrics.registry);
            new ProcessorMetrics().bindTo(metrics.registry);
            new UptimeMetrics().bindTo(metrics.registry);
            final ScheduledExecutorService kafkaRefresh = Executors.newSingleThreadScheduledExecutor(
                daemon("trailwatch-kafka-metrics"));
            metrics.owned(kafkaRefresh::shutdownNow); // Micrometer leaves a scheduler it was given running
            metrics.owned(new KafkaStreamsMetrics(runtime.streams(), List.of(), kafkaRefresh, KAFKA_METRICS_REFRESH))
                .bindTo(metrics.registry);
            runtime.meters().add(metrics.registry);
            metrics.owned(() -> runtime.meters().remove(metrics.registry));
            metrics.owned(new TopicOutcomes(metrics.registry, kafka, serdes,
                processors.getString(ProcessorsConfig.APPLICATION_ID) + "-self-metrics"));
            metrics.owned(new ConsumerLag(metrics.registry, admin, kafka, Clock.systemUTC()));
            metrics.owned(metrics.export.start(CloudWatchExport.INTERVAL));
            return metrics;
        } catch (final RuntimeException e) {
            metrics.close();
            throw e;
        }
    }

    static ThreadFactory daemon(final String name) {
        return runnable -> {
            final Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private <T extends AutoCloseable> T owned(final T closeable) {
        return started.owned(closeable);
    }

    @Override
    public void register(final RoutesConfig routes) {
        requests.register(routes);
        routes.get(ApiCatalogue.METRICS_ROUTE.substring("GET ".length()), this::scrape);
    }

    private void scrape(final Context ctx) {
        connectWorker.refresh(); // a worker that stopped answering shows as down in this very scrape
        ctx.contentType(CONTENT_TYPE).result(registry.scrape());
    }

    /**
     * Adds the local Kafka Connect worker's own metrics ({@link ConnectWorkerMetrics}), read from its REST API with
     * its credentials.
     */
    public void watchConnectWorker(final String restUrl, final ConnectCredentials credentials) {
        connectWorker.watch(restUrl, credentials);
    }

    /** Writes this minute's CloudWatch datums now, as the schedule does every minute; returns them. */
    public List<MetricDatum> exportToCloudWatch() {
        return export.export();
    }

    @Override
    public void close() {
        started.close();
        registry.close();
    }
}
