package io.trailwatch.bench;

import io.trailwatch.avro.Dimension;
import io.trailwatch.avro.MetricDatum;
import io.trailwatch.identity.NewAccessKey;
import io.trailwatch.processors.metrics.MetricIdentity;
import io.trailwatch.schemas.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * PutMetricData with batches of datums (100 series of 2 dimensions, single values, now): the same datums as Avro
 * records through a Kafka producer of the API's own settings, and as SDK calls (Smithy RPC v2 CBOR).
 */
final class MetricIngest {

    private static final int BATCHES = 16;
    private static final String NAMESPACE = "Bench/Ingest";

    private final int batch;
    private final ProducerCalls<String, MetricDatum> producer;
    private final SdkCalls<CloudWatchClient, PutMetricDataRequest> sdk;

    MetricIngest(final BenchEnvironment env, final String endpoint, final NewAccessKey key, final int batch) {
        this.batch = batch;
        final SplittableRandom random = new SplittableRandom(7);
        final Instant now = Instant.now();
        final List<List<Map.Entry<String, MetricDatum>>> records = new ArrayList<>();
        final List<PutMetricDataRequest> requests = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            final List<Map.Entry<String, MetricDatum>> datums = new ArrayList<>(batch);
            final List<software.amazon.awssdk.services.cloudwatch.model.MetricDatum> calls = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                final int series = random.nextInt(100);
                final double value = random.nextDouble(0, 1000);
                final MetricDatum datum = MetricDatum.newBuilder().setNamespace(NAMESPACE).setMetricName("Latency")
                    .setDimensions(List.of(new Dimension("Host", "host-" + series), new Dimension("Zone", "z" + series % 3)))
                    .setTimestamp(now).setValue(value).setUnit("Milliseconds").build();
                datums.add(Map.entry(MetricIdentity.of(datum).key(), datum));
                calls.add(software.amazon.awssdk.services.cloudwatch.model.MetricDatum.builder().metricName("Latency")
                    .dimensions(d -> d.name("Host").value("host-" + series), d -> d.name("Zone").value("z" + series % 3))
                    .timestamp(now).value(value).unit(StandardUnit.MILLISECONDS).build());
            }
            records.add(datums);
            requests.add(PutMetricDataRequest.builder().namespace(NAMESPACE).metricData(calls).build());
        }
        this.producer = new ProducerCalls<>(env.bootstrapServers(), env.serdes(), Topics.METRICS, records);
        this.sdk = new SdkCalls<>(() -> SdkCalls.client(CloudWatchClient.builder(), endpoint, key), requests,
            CloudWatchClient::putMetricData);
    }

    IngestWorkload workload() {
        return new IngestWorkload("PutMetricData", "Smithy RPC v2 CBOR", batch, producer.bytesPerCall(),
            producer.call(), sdk.call());
    }
}
