package io.trailwatch.app.selfmetrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.trailwatch.stack.ConnectCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local Kafka Connect worker's own metrics in this process's registry, read from the worker's REST API
 * ({@value #PATH}, served by the sinks plugin's {@code WorkerMetricsExtension} behind the API's HTTP Basic
 * authentication) every {@link #INTERVAL} and at each scrape of {@code /metrics}: the connectors' and tasks' states,
 * records read and sent, offset commits, Connect's error-handling counts and the plugins' own metrics (the archive's
 * upload failures, {@value #UPLOAD_FAILURES}).
 *
 * <p>Named {@code kafka.connect.<group>.<metric>} after Kafka's names (Kafka's counters, {@code -total}, as
 * counters), the plugins' as Trailwatch's own ({@code trailwatch.<metric>}). A worker that does not answer is
 * {@value #UP} 0 and its metrics are withdrawn until it answers again, rather than shown as they last were.
 */
final class ConnectWorkerMetrics implements AutoCloseable {

    static final String UP = "trailwatch.connect.worker.up";
    static final String UPLOAD_FAILURES = "trailwatch.archive.upload.failures";
    /** Connect's {@code connector-failed-task-count} of each connector, as {@link PrometheusNaming} names it. */
    static final String FAILED_TASKS = "kafka.connect.worker.connector.failed.tasks";
    static final String PATH = "/trailwatch/metrics";
    static final Duration INTERVAL = Duration.ofSeconds(15);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(ConnectWorkerMetrics.class);

    /** A worker metric as a meter here. */
    record Key(String name, boolean counter, Tags tags, String description) { }

    private final MeterRegistry registry;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(
        SelfMetrics.daemon("trailwatch-connect-metrics"));
    private final Map<Key, Meter> meters = new HashMap<>();
    private volatile Map<Key, Double> values = Map.of();
    private volatile double up;
    private URI source;
    private String authorization;

    ConnectWorkerMetrics(final MeterRegistry registry) {
        this.registry = registry;
    }

    /** Reads the metrics of the worker whose REST API is at {@code restUrl} from now on. */
    synchronized void watch(final String restUrl, final ConnectCredentials credentials) {
        if (source != null) {
            throw new IllegalStateException("already watching the Connect worker at " + source);
        }
        source = URI.create(restUrl + PATH);
        authorization = credentials == null ? null : credentials.authorization();
        Gauge.builder(UP, this, self -> self.up).description("Whether the Kafka Connect worker answers (1) or not "
            + "(0); while it does not, its metrics are not shown").register(registry);
        schedule.scheduleWithFixedDelay(this::refresh, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads the worker's metrics now (nothing when no worker is watched). */
    synchronized void refresh() {
        if (source == null) {
            return;
        }
        Map<Key, Double> read;
        try {
            read = read();
        } catch (final IOException | RuntimeException e) {
            LOG.debug("Kafka Connect worker's metrics not read: {}", e.toString());
            read = null;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            read = null;
        }
        up = read == null ? 0 : 1;
        values = read == null ? Map.of() : read;
        values.keySet().forEach(key -> meters.computeIfAbsent(key, this::register));
        for (final Iterator<Map.Entry<Key, Meter>> it = meters.entrySet().iterator(); it.hasNext(); ) {
            final Map.Entry<Key, Meter> meter = it.next();
            if (!values.containsKey(meter.getKey())) {
                registry.remove(meter.getValue());
                it.remove();
            }
        }
    }

    private Map<Key, Double> read() throws IOException, InterruptedException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(source).timeout(TIMEOUT).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        final HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        final Map<Key, Double> read = new HashMap<>();
        for (final JsonNode metric : JSON.readTree(response.body())) {
            final Map<String, String> tags = new HashMap<>();
            metric.path("tags").fields().forEachRemaining(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
            read.put(key(metric.path("group").asText(), metric.path("name").asText(), tags),
                metric.path("value").asDouble());
        }
        return read;
    }

    /**
     * The meter of a worker metric: {@code sink-task-metrics}' {@code sink-record-read-total} is the counter
     * {@code kafka.connect.sink.task.sink.record.read}, {@code task-error-metrics}' {@code total-record-errors} the
     * counter {@code kafka.connect.task.error.record.errors}, {@code connect-worker-metrics}' {@code task-count} the
     * gauge {@code kafka.connect.worker.task.count}, a plugin's {@code archive-upload-failures-total} the counter
     * {@value #UPLOAD_FAILURES}.
     */
    static Key key(final String group, final String name, final Map<String, String> tags) {
        final boolean counter = name.endsWith("-total") || name.startsWith("total-")
            || group.equals("task-error-metrics") && name.startsWith("deadletterqueue-produce-");
        final String base = counter ? name.replaceFirst("-total$", "").replaceFirst("^total-", "") : name;
        final boolean plugin = group.equals("plugins");
        final String prefix = plugin ? "trailwatch"
            : "kafka.connect." + group.replaceFirst("-metrics$", "").replaceFirst("^connect-", "");
        return new Key((prefix + "." + base).replace('-', '.'), counter,
            Tags.of(tags.entrySet().stream().map(tag -> Tag.of(tag.getKey(), tag.getValue())).toList()),
            (plugin ? "A Kafka Connect plugin's " : "Kafka Connect's " + group + " ") + name);
    }

    private Meter register(final Key key) {
        return key.counter()
            ? FunctionCounter.builder(key.name(), this, self -> self.value(key)).tags(key.tags())
                .description(key.description()).register(registry)
            : Gauge.builder(key.name(), this, self -> self.value(key)).tags(key.tags())
                .description(key.description()).register(registry);
    }

    private double value(final Key key) {
        return values.getOrDefault(key, Double.NaN);
    }

    @Override
    public synchronized void close() {
        schedule.shutdownNow();
        meters.values().forEach(registry::remove);
        meters.clear();
    }
}
