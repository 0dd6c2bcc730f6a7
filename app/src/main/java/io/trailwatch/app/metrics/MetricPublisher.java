package io.trailwatch.app.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailwatch.app.aws.AwsApis;
import io.trailwatch.app.aws.AwsOperations;
import io.trailwatch.app.aws.TopicWriter;
import io.trailwatch.aws.AwsInput;
import io.trailwatch.identity.AwsService;
import io.trailwatch.avro.Dimension;
import io.trailwatch.avro.MetricDatum;
import io.trailwatch.avro.StatisticSet;
import io.trailwatch.processors.metrics.MetricDatumValidator;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.json.InvalidRecordException;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.schemas.serde.SerdeContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PutMetricData: a call's datums validated as CloudWatch validates them (all, before any is written: a call with
 * one bad datum writes none), then written to {@code trailwatch.metrics} under their metric's key, exactly as a
 * Kafka publisher writes them, and acknowledged once the broker has them all ({@link TopicWriter}).
 */
public final class MetricPublisher implements AwsOperations, AutoCloseable {

    /** PutMetricData's limits: 1,000 datums and 1 MB per call (the endpoint checks the size). */
    static final int MAX_DATUMS = 1000;
    static final int MAX_REQUEST_BYTES = 1024 * 1024;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final TopicWriter<String, MetricDatum> writer;

    public MetricPublisher(final KafkaAccess kafka, final SerdeContext serdes) {
        this.writer = new TopicWriter<>(kafka, serdes, Topics.METRICS, "trailwatch-put-metric-data");
    }

    @Override
    public void addTo(final AwsApis apis) {
        apis.cloudWatch().maxRequestBytes("PutMetricData", MAX_REQUEST_BYTES)
            .operation(AwsService.CLOUDWATCH.data("PutMetricData"), input -> {
                publish(AwsInput.of(input), Instant.now());
                return null;
            });
    }

    /** Validates and writes one PutMetricData call; returns once every datum is on the topic. */
    public void publish(final AwsInput input, final Instant now) {
        writer.write(datums(input, now));
    }

    /**
     * Writes datums this process made (Trailwatch's own metrics), each validated as a PutMetricData datum is; returns
     * once every one is on the topic.
     */
    public void publish(final List<MetricDatum> datums, final Instant now) {
        writer.write(datums.stream().map(datum -> Map.entry(MetricDatumValidator.validated(datum, now).key(), datum))
            .toList());
    }

    /**
     * The call's datums, each validated, under their metric's key; the first invalid one refuses the call, naming it.
     */
    static List<Map.Entry<String, MetricDatum>> datums(final AwsInput input, final Instant now) {
        final String namespace = input.requiredText("Namespace");
        final List<JsonNode> entries = input.list("MetricData");
        if (!input.has("MetricData")) {
            throw new InvalidRecordException("MetricData", "is required");
        }
        if (entries.isEmpty() || entries.size() > MAX_DATUMS) {
            throw new InvalidRecordException("MetricData", "must have 1 to " + MAX_DATUMS + " members, had "
                + entries.size());
        }
        final List<Map.Entry<String, MetricDatum>> datums = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            final String prefix = "MetricData.member." + (i + 1) + ".";
            try {
                final MetricDatum datum = datum(namespace, AwsInput.of(entries.get(i)), now);
                datums.add(Map.entry(MetricDatumValidator.validated(datum, now).key(), datum));
            } catch (final InvalidRecordException e) {
                throw new InvalidRecordException(prefix + e.field(), e.reason());
            }
        }
        return datums;
    }

    private static MetricDatum datum(final String namespace, final AwsInput entry, final Instant now) {
        final List<Dimension> dimensions = new ArrayList<>();
        entry.dimensions("Dimensions", false).forEach((name, value) -> dimensions.add(new Dimension(name, value)));
        // The constructor, not Avro's builder: the builder validates each value set and looks up and copies the
        // default of each field left unset, for each of a call's thousand datums.
        return new MetricDatum(namespace, entry.requiredText("MetricName"), dimensions,
            entry.instant("Timestamp").orElse(now), number(entry, "Value").orElse(null),
            entry.structure("StatisticValues").map(set -> new StatisticSet(required(set, "SampleCount"),
                required(set, "Sum"), required(set, "Minimum"), required(set, "Maximum"))).orElse(null),
            entry.has("Values") ? numbers(entry, "Values") : null,
            entry.has("Counts") ? numbers(entry, "Counts") : null,
            entry.text("Unit").orElse("None"), entry.integer("StorageResolution").orElse(60));
    }

    private static Optional<Double> number(final AwsInput input, final String member) {
        final JsonNode value = input.tree().get(member);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isNumber()) {
            throw new InvalidRecordException(member, "must be a number");
        }
        return Optional.of(value.doubleValue());
    }

    private static double required(final AwsInput input, final String member) {
        return number(input, member).orElseThrow(() -> new InvalidRecordException("StatisticValues." + member,
            "is required"));
    }

    private static List<Double> numbers(final AwsInput input, final String member) {
        final List<Double> numbers = new ArrayList<>();
        for (final JsonNode value : input.list(member)) {
            if (!value.isNumber()) {
                throw new InvalidRecordException(member, "must be a list of numbers");
            }
            numbers.add(value.doubleValue());
        }
        return numbers;
    }

    @Override
    public void close() {
        writer.close();
    }
}
