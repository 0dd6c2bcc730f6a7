package io.trailwatch.bench;

import io.trailwatch.avro.LogEvent;
import io.trailwatch.processors.filter.pattern.FilterPattern;
import io.trailwatch.processors.logs.LogStream;
import io.trailwatch.processors.logs.store.LocalLogEvents;
import io.trailwatch.processors.logs.store.LogStorageSettings;
import io.trailwatch.processors.logs.store.LogStorageTopology;
import io.trailwatch.processors.logs.store.MessageTest;
import io.trailwatch.processors.logs.store.StoredLogEvent;
import io.trailwatch.processors.runtime.ProcessorsConfig;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.registry.InMemorySchemaRegistry;
import io.trailwatch.schemas.serde.SerdeContext;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code bench/run logs}: the log store. Publishes realistic application log lines (a third JSON) spread over 100
 * streams of one group and a time span, then measures, in the same run and on the same broker: a plain Kafka
 * consumer reading (and decoding) the topic, the log store ingesting it (committed, exactly once), and FilterLogEvents
 * as one instance answers it (the store's filter, pages of at most 10,000 events and 200,000 scanned, as the API
 * pages; no HTTP) for a term pattern and a JSON pattern, over one-hour windows and over the whole span.
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
    description = "Log store ingest against a plain consumer, and FilterLogEvents latency and scan rate.")
public final class LogsBenchmark implements Callable<Integer> {

    private static final String GROUP = "/bench/app";
    private static final long MINUTE = 60_000;
    private static final int PAGE_LIMIT = 10_000;
    private static final long SCAN_LIMIT = 200_000;
    private static final Map<String, String> PATTERNS = Map.of(
        "term", "ERROR",
        "JSON", "{ $.level = \"error\" && $.latencyMs > 1000 }");

    @Option(names = "--events", defaultValue = "10000000", description = "Log events (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--streams", defaultValue = "100", description = "Log streams (default: ${DEFAULT-VALUE}).")
    int streams;

    @Option(names = "--span-hours", defaultValue = "24", description = "Hours the events span, up to now (at most "
        + "336, PutLogEvents' 14 days; default: ${DEFAULT-VALUE}).")
    int spanHours;

    @Option(names = "--queries", defaultValue = "20", description = "One-hour queries per pattern "
        + "(default: ${DEFAULT-VALUE}); whole-span queries are a fifth of them, at least 2.")
    int queries;

    @Option(names = "--threads", defaultValue = "1", description = "Stream threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** What was published: the span and the raw bytes (UTF-8 message + 26, as CloudWatch counts) per minute. */
    private record Published(long startMs, long endMs, long[] bytesPerMinute, long totalBytes) {
        long bytes(final long fromMs, final long toMs) {
            long sum = 0;
            for (int m = (int) ((fromMs - startMs) / MINUTE); m < bytesPerMinute.length
                && startMs + m * MINUTE < toMs; m++) {
                sum += bytesPerMinute[m];
            }
            return sum;
        }
    }

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final SerdeContext serdes = new SerdeContext(new InMemorySchemaRegistry(), true);
        try (BenchEnvironment env = new BenchEnvironment()) {
            env.createTopics(Topics.all());
            out.printf("Publishing %,d log events over %d streams and %d hours...%n", events, streams, spanHours);
            out.flush();
            final Published published = publish(env, serdes);
            final double consumerFirst = consume(env, serdes);
            final List<String> queryRows = new ArrayList<>();
            final StreamsThroughput.Result stored = new StreamsThroughput(env.admin()).run(
                LogStorageTopology.build(serdes, LogStorageSettings.DEFAULTS, "123456789012"), props(env),
                Topics.LOGS.name(), kafkaStreams -> queryRows.addAll(query(kafkaStreams, published)));
            final double consumerSecond = consume(env, serdes);
            final double consumer = Math.max(consumerFirst, consumerSecond);

            final Table ingest = new Table("reader", "events", "seconds", "events/s", "MB/s (raw)", "vs consumer");
            ingest.row("plain Kafka consumer (decode Avro), best of 2", events, "-", Math.round(consumer),
                String.format("%.1f", consumer * published.totalBytes() / events / 1e6), "1.00");
            ingest.row("log store (committed, exactly_once_v2)", stored.records(), String.format("%.1f",
                stored.seconds()), Math.round(stored.perSecond()), String.format("%.1f",
                published.totalBytes() / stored.seconds() / 1e6), String.format("%.2f", stored.perSecond() / consumer));
            ingest.print(out);
            final Table filter = new Table("pattern", "window", "queries", "pages", "matches", "page p50 ms",
                "page p99 ms", "query p50 ms", "query p99 ms", "MB scanned/s");
            queryRows.forEach(row -> filter.row((Object[]) row.split("\t")));
            filter.print(out);
            out.printf("Raw: %,d bytes (%.0f per event). Targets: ingest >= 0.7 x the consumer; one-hour "
                + "FilterLogEvents p99 < 200 ms.%n", published.totalBytes(), published.totalBytes() / (double) events);
            out.printf("Machine: %d cores, Java %s, max heap %d MiB, %d stream thread(s), broker in the same JVM%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, threads);
            out.flush();
        }
        return CommandLine.ExitCode.OK;
    }

    private Published publish(final BenchEnvironment env, final SerdeContext serdes) throws Exception {
        final Serializer<String> keys = Topics.LOGS.keySerde(serdes).serializer();
        final Serializer<LogEvent> values = Topics.LOGS.valueSerde(serdes).serializer();
        final long endMs = Instant.now().minus(Duration.ofMinutes(1)).toEpochMilli();
        final long spanMs = Duration.ofHours(spanHours).toMillis();
        final long startMs = endMs - spanMs;
        final long[] bytesPerMinute = new long[(int) (spanMs / MINUTE) + 1];
        final LogLines lines = new LogLines(17);
        final List<String> streamNames = streamNames();
        final List<byte[]> streamKeys = streamNames.stream()
            .map(name -> keys.serialize(Topics.LOGS.name(), LogStream.key(GROUP, name))).toList();
        long total = 0;
        try (KafkaProducer<byte[], byte[]> producer = env.bulkProducer()) {
            Future<RecordMetadata> last = null;
            for (int i = 0; i < events; i++) {
                final long time = startMs + (long) ((double) i * spanMs / events);
                final String message = lines.next(Instant.ofEpochMilli(time).toString());
                final int stream = i % streams;
                final long size = message.getBytes(StandardCharsets.UTF_8).length + 26;
                bytesPerMinute[(int) ((time - startMs) / MINUTE)] += size;
                total += size;
                // the record's time is when it is published (its ingestion time), as PutLogEvents writes it; an event
                // time a day old would also make the broker expire the producer's state (producer.id.expiration.ms)
                last = producer.send(new ProducerRecord<>(Topics.LOGS.name(), streamKeys.get(stream),
                    values.serialize(Topics.LOGS.name(), new LogEvent(GROUP, streamNames.get(stream),
                        Instant.ofEpochMilli(time), message))));
            }
            producer.flush();
            if (last != null) {
                last.get();
            }
        }
        return new Published(startMs, endMs, bytesPerMinute, total);
    }

    private List<String> streamNames() {
        return IntStream.range(0, streams).mapToObj(i -> String.format("i-%04d/app.log", i)).toList();
    }

    /** Events per second of a consumer that reads the whole topic and decodes each value. */
    private double consume(final BenchEnvironment env, final SerdeContext serdes) {
        final Deserializer<LogEvent> values = Topics.LOGS.valueSerde(serdes).deserializer();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(Topics.LOGS.name()).stream()
                .map(info -> new TopicPartition(Topics.LOGS.name(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final long begin = System.nanoTime();
            long read = 0;
            long checksum = 0;
            while (read < events) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    checksum += values.deserialize(Topics.LOGS.name(), record.value()).getMessage().length();
                    read++;
                }
            }
            final double seconds = (System.nanoTime() - begin) / 1e9;
            if (checksum == 0) {
                throw new IllegalStateException("no messages read");
            }
            return read / seconds;
        }
    }

    /** FilterLogEvents rows: per pattern, one-hour windows then the whole span. */
    private List<String> query(final KafkaStreams kafkaStreams, final Published published) {
        final LocalLogEvents local = LocalLogEvents.of(kafkaStreams);
        final List<String> names = List.copyOf(local.streams(GROUP).keySet());
        final List<String> rows = new ArrayList<>();
        final SplittableRandom random = new SplittableRandom(5);
        for (final String kind : List.of("term", "JSON")) {
            final FilterPattern pattern = FilterPattern.parse(PATTERNS.get(kind));
            final long hour = Duration.ofHours(1).toMillis();
            final List<long[]> hours = new ArrayList<>();
            for (int q = 0; q < queries; q++) {
                final long start = published.startMs() + random.nextLong(Math.max(1,
                    published.endMs() - published.startMs() - hour));
                hours.add(new long[] {start, start + hour});
            }
            rows.add(run(local, names, pattern, kind, "one hour", hours, published));
            final List<long[]> whole = new ArrayList<>();
            for (int q = 0; q < Math.max(2, queries / 5); q++) {
                whole.add(new long[] {published.startMs(), published.endMs() + 1});
            }
            rows.add(run(local, names, pattern, kind, "whole span (" + spanHours + " h)", whole, published));
        }
        return rows;
    }

    /** Runs each query to its last page, as a client following nextToken does; one tab-separated row. */
    private static String run(final LocalLogEvents local, final List<String> names, final FilterPattern pattern,
                              final String kind, final String window, final List<long[]> ranges,
                              final Published published) {
        final Latencies pages = new Latencies();
        final Latencies whole = new Latencies();
        long matches = 0;
        long bytes = 0;
        long nanos = 0;
        for (final long[] range : ranges) {
            final long begin = System.nanoTime();
            Optional<StoredLogEvent> after = Optional.empty();
            do {
                final long pageBegin = System.nanoTime();
                final LocalLogEvents.FilterPage page = local.filter(GROUP, names, range[0], range[1], after,
                    MessageTest.of(pattern), PAGE_LIMIT, SCAN_LIMIT);
                pages.record((System.nanoTime() - pageBegin) / 1_000_000);
                matches += page.events().size();
                after = page.stoppedAt();
            } while (after.isPresent());
            final long took = System.nanoTime() - begin;
            whole.record(took / 1_000_000);
            nanos += took;
            bytes += published.bytes(range[0], range[1]);
        }
        return String.join("\t", kind + " " + PATTERNS.get(kind), window, Integer.toString(ranges.size()),
            Integer.toString(pages.count()), Long.toString(matches), Long.toString(pages.percentile(50)),
            Long.toString(pages.percentile(99)), Long.toString(whole.percentile(50)),
            Long.toString(whole.percentile(99)), String.format("%.0f", bytes / (nanos / 1e9) / 1e6));
    }

    private Properties props(final BenchEnvironment env) throws Exception {
        return new ProcessorsConfig(Map.of(
            ProcessorsConfig.BOOTSTRAP_SERVERS, env.bootstrapServers(),
            ProcessorsConfig.SCHEMA_REGISTRY_URL, env.registryUrl(),
            ProcessorsConfig.APPLICATION_ID, "bench-log-store",
            ProcessorsConfig.NUM_STREAM_THREADS, threads,
            ProcessorsConfig.STATE_DIR, env.stateDir("bench-log-store").toString())).streamsProperties();
    }
}
