package io.trailwatch.bench;

import io.trailwatch.avro.Dimension;
import io.trailwatch.avro.MetricDatum;
import io.trailwatch.identity.NewAccessKey;
import io.trailwatch.processors.metrics.MetricIdentity;
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
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * PutMetricData with batches of datums (100 series of 2 dimensions, single values, now): the same datums as Avro
 * records through a Kafka producer of the API's own settings, and as SDK calls (Smithy RPC v2 CBOR).
 */
final class MetricIngest implements IngestWorkload {

    private static final int BATCHES = 16;
    private static final String NAMESPACE = "Bench/Ingest";

    private final List<List<MetricDatum>> records = new ArrayList<>();
    private final List<PutMetricDataRequest> requests = new ArrayList<>();
    private final Producer<String, MetricDatum> producer;
    private final List<CloudWatchClient> clients = new ArrayList<>();
    private final String endpoint;
    private final NewAccessKey key;
    private final int batch;
    private final long recordBytes;

    MetricIngest(final BenchEnvironment env, final String endpoint, final NewAccessKey key, final int batch) {
        this.endpoint = endpoint;
        this.key = key;
        this.batch = batch;
        final SplittableRandom random = new SplittableRandom(7);
        final Instant now = Instant.now();
        for (int b = 0; b < BATCHES; b++) {
            final List<MetricDatum> datums = new ArrayList<>(batch);
            final List<software.amazon.awssdk.services.cloudwatch.model.MetricDatum> sdk = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                final int series = random.nextInt(100);
                final double value = random.nextDouble(0, 1000);
                datums.add(MetricDatum.newBuilder().setNamespace(NAMESPACE).setMetricName("Latency")
                    .setDimensions(List.of(new Dimension("Host", "host-" + series), new Dimension("Zone", "z" + series % 3)))
                    .setTimestamp(now).setValue(value).setUnit("Milliseconds").build());
                sdk.add(software.amazon.awssdk.services.cloudwatch.model.MetricDatum.builder().metricName("Latency")
                    .dimensions(d -> d.name("Host").value("host-" + series), d -> d.name("Zone").value("z" + series % 3))
                    .timestamp(now).value(value).unit(StandardUnit.MILLISECONDS).build());
            }
            records.add(datums);
            requests.add(PutMetricDataRequest.builder().namespace(NAMESPACE).metricData(sdk).build());
        }
        final Serializer<String> keys = Topics.METRICS.keySerde(env.serdes()).serializer();
        final Serializer<MetricDatum> values = Topics.METRICS.valueSerde(env.serdes()).serializer();
        long bytes = 0;
        for (final MetricDatum datum : records.get(0)) {
            bytes += keys.serialize(Topics.METRICS.name(), MetricIdentity.of(datum).key()).length
                + values.serialize(Topics.METRICS.name(), datum).length;
        }
        this.recordBytes = bytes;
        this.producer = new KafkaProducer<>(KafkaAccess.plaintext(env.bootstrapServers()).clientConfig(Map.of(
            ProducerConfig.CLIENT_ID_CONFIG, "bench-metric-producer",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.LINGER_MS_CONFIG, 2,
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")), keys, values);
    }

    @Override
    public String name() {
        return "PutMetricData";
    }

    @Override
    public String protocol() {
        return "Smithy RPC v2 CBOR";
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
            final List<MetricDatum> datums = records.get(Math.floorMod(thread + (int) System.nanoTime(), BATCHES));
            final List<Future<?>> sent = new ArrayList<>(datums.size());
            for (final MetricDatum datum : datums) {
                sent.add(producer.send(new ProducerRecord<>(Topics.METRICS.name(), MetricIdentity.of(datum).key(),
                    datum)));
            }
            for (final Future<?> each : sent) {
                each.get();
            }
        };
    }

    @Override
    public Call awsCall() {
        return thread -> client(thread).putMetricData(requests.get(Math.floorMod(thread + (int) System.nanoTime(),
            BATCHES)));
    }

    private synchronized CloudWatchClient client(final int thread) {
        while (clients.size() <= thread) {
            clients.add(CloudWatchClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    key.key().accessKeyId(), key.secretAccessKey())))
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(60))).build());
        }
        return clients.get(thread);
    }
}
