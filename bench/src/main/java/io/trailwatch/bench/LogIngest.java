package io.trailwatch.bench;

import io.trailwatch.avro.LogEvent;
import io.trailwatch.identity.NewAccessKey;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.kafka.KafkaAccess;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * PutLogEvents with batches of events (JSON access-log lines of 150 to 250 bytes, in time order) to one group and
 * stream: the same events as Avro records through a Kafka producer of the API's own settings, and as SDK calls
 * (awsJson 1.1). The group and stream are created through the API first.
 */
final class LogIngest implements IngestWorkload {

    private static final int BATCHES = 16;
    private static final String GROUP = "bench/ingest";
    private static final String STREAM = "web-1";

    private final List<List<LogEvent>> records = new ArrayList<>();
    private final List<PutLogEventsRequest> requests = new ArrayList<>();
    private final Producer<String, LogEvent> producer;
    private final List<CloudWatchLogsClient> clients = new ArrayList<>();
    private final String endpoint;
    private final NewAccessKey key;
    private final int batch;
    private final long recordBytes;

    LogIngest(final BenchEnvironment env, final String endpoint, final NewAccessKey key, final int batch) {
        this.endpoint = endpoint;
        this.key = key;
        this.batch = batch;
        final SplittableRandom random = new SplittableRandom(11);
        final long now = Instant.now().toEpochMilli();
        for (int b = 0; b < BATCHES; b++) {
            final List<LogEvent> events = new ArrayList<>(batch);
            final List<InputLogEvent> sdk = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                final String message = "{\"method\":\"GET\",\"path\":\"/api/orders/" + random.nextInt(1_000_000)
                    + "\",\"status\":" + (random.nextInt(100) < 3 ? 500 : 200) + ",\"latencyMs\":"
                    + random.nextInt(2000) + ",\"userAgent\":\"Mozilla/5.0 (X11; Linux x86_64)\",\"requestId\":\""
                    + Long.toHexString(random.nextLong()) + "\"}";
                events.add(new LogEvent(GROUP, STREAM, Instant.ofEpochMilli(now + i), message));
                sdk.add(InputLogEvent.builder().timestamp(now + i).message(message).build());
            }
            records.add(events);
            requests.add(PutLogEventsRequest.builder().logGroupName(GROUP).logStreamName(STREAM).logEvents(sdk)
                .build());
        }
        final Serializer<String> keys = Topics.LOGS.keySerde(env.serdes()).serializer();
        final Serializer<LogEvent> values = Topics.LOGS.valueSerde(env.serdes()).serializer();
        long bytes = 0;
        for (final LogEvent event : records.get(0)) {
            bytes += keys.serialize(Topics.LOGS.name(), GROUP + "/" + STREAM).length
                + values.serialize(Topics.LOGS.name(), event).length;
        }
        this.recordBytes = bytes;
        this.producer = new KafkaProducer<>(KafkaAccess.plaintext(env.bootstrapServers()).clientConfig(Map.of(
            ProducerConfig.CLIENT_ID_CONFIG, "bench-log-producer",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.LINGER_MS_CONFIG, 2,
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")), keys, values);
        final CloudWatchLogsClient logs = client(0);
        logs.createLogGroup(create -> create.logGroupName(GROUP));
        logs.createLogStream(create -> create.logGroupName(GROUP).logStreamName(STREAM));
        awaitStream(logs);
    }

    /** The stream is a definition every instance reads from the config topic: usable once this one has it. */
    private void awaitStream(final CloudWatchLogsClient logs) {
        final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                logs.putLogEvents(requests.get(0));
                return;
            } catch (final ResourceNotFoundException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                try {
                    Thread.sleep(100); // a poll interval: the definition arrives within a second or two
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw notYet;
                }
            }
        }
    }

    @Override
    public String name() {
        return "PutLogEvents";
    }

    @Override
    public String protocol() {
        return "awsJson 1.1";
    }

    @Override
    public int itemsPerCall() {
        return batch;
    }

    @Override
    public long recordBytesPerCall() {
        return recordBytes;
    }

    @Override
    public Call producerCall() {
        return thread -> {
            final List<LogEvent> events = records.get(Math.floorMod(thread + (int) System.nanoTime(), BATCHES));
            final List<Future<?>> sent = new ArrayList<>(events.size());
            for (final LogEvent event : events) {
                sent.add(producer.send(new ProducerRecord<>(Topics.LOGS.name(), GROUP + "/" + STREAM, event)));
            }
            for (final Future<?> each : sent) {
                each.get();
            }
        };
    }

    @Override
    public Call awsCall() {
        return thread -> client(thread).putLogEvents(requests.get(Math.floorMod(thread + (int) System.nanoTime(),
            BATCHES)));
    }

    private synchronized CloudWatchLogsClient client(final int thread) {
        while (clients.size() <= thread) {
            clients.add(CloudWatchLogsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    key.key().accessKeyId(), key.secretAccessKey())))
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(60))).build());
        }
        return clients.get(thread);
    }
}
