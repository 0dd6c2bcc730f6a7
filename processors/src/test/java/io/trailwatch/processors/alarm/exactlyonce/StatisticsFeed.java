package io.trailwatch.processors.alarm.exactlyonce;

import io.trailwatch.avro.Dimension;
import io.trailwatch.avro.MetricDatum;
import io.trailwatch.avro.MetricStatistics;
import io.trailwatch.processors.alarm.MetricAlarmDefinition;
import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.metrics.MetricIdentity;
import io.trailwatch.schemas.Topics;
import io.trailwatch.testkit.TestInfrastructure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Feeds period statistics to alarms at a steady pace, as the aggregator would, each alarm's metric breaching in
 * even periods and not in odd ones: every period is one transition of every alarm, so a lost or repeated
 * transition shows as a gap or a repeat in the chain of state changes.
 */
final class StatisticsFeed implements AutoCloseable {

    static final int PERIOD_SECONDS = 10;
    static final double THRESHOLD = 50;

    private final TestInfrastructure infrastructure;
    private final String namespace;
    private final List<String> alarms;
    private final int periods;
    private final Instant firstPeriod;
    private final AtomicInteger sent = new AtomicInteger();
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    private KafkaProducer<String, MetricStatistics> producer;

    StatisticsFeed(final TestInfrastructure infrastructure, final String namespace, final List<String> alarms,
                   final int periods) {
        this.infrastructure = infrastructure;
        this.namespace = namespace;
        this.alarms = List.copyOf(alarms);
        this.periods = periods;
        // Recent, aligned and complete periods: with a long evaluation delay each is evaluated at its own end.
        final long periodMs = PERIOD_SECONDS * 1000L;
        this.firstPeriod = Instant.ofEpochMilli(Math.floorDiv(System.currentTimeMillis(), periodMs) * periodMs
            - (periods + 6L) * periodMs);
    }

    /** The alarms' definitions: 10 s high-resolution periods, M = N = 1, missing data left missing. */
    List<DefinitionEntry> definitions() {
        final List<DefinitionEntry> entries = new ArrayList<>();
        for (final String alarm : alarms) {
            entries.add(MetricAlarmDefinition.TYPE.entry("""
                {"AlarmName": "%1$s", "Namespace": "%2$s", "MetricName": "%1$s", "Statistic": "Maximum",
                 "Period": %3$d, "EvaluationPeriods": 1, "Threshold": %4$s,
                 "ComparisonOperator": "GreaterThanThreshold"}""".formatted(alarm, namespace, PERIOD_SECONDS,
                THRESHOLD)));
        }
        return entries;
    }

    /** Starts sending one period (for every alarm) every {@code paceMillis}. */
    void start(final long paceMillis) {
        producer = infrastructure.producer(Topics.METRIC_STATS);
        pacer.scheduleAtFixedRate(this::sendNext, 0, paceMillis, TimeUnit.MILLISECONDS);
    }

    int sentPeriods() {
        return sent.get();
    }

    Instant periodStart(final int period) {
        return firstPeriod.plusSeconds((long) period * PERIOD_SECONDS);
    }

    private void sendNext() {
        final int period = sent.get();
        if (period >= periods) {
            return;
        }
        final double value = period % 2 == 0 ? THRESHOLD * 2 : 0;
        for (final String alarm : alarms) {
            final MetricStatistics statistics = MetricStatistics.newBuilder().setNamespace(namespace)
                .setMetricName(alarm).setDimensions(List.<Dimension>of()).setUnit("None")
                .setPeriodStart(periodStart(period)).setPeriodSeconds(PERIOD_SECONDS).setSampleCount(1)
                .setSum(value).setMinimum(value).setMaximum(value).setAverage(value).build();
            producer.send(new ProducerRecord<>(Topics.METRIC_STATS.name(), identityKey(alarm), statistics));
        }
        producer.flush();
        sent.incrementAndGet();
    }

    private String identityKey(final String alarm) {
        return MetricIdentity.of(MetricDatum.newBuilder().setNamespace(namespace)
            .setMetricName(alarm).setDimensions(List.of()).setTimestamp(firstPeriod).setValue(0.0).setUnit("None")
            .build()).key();
    }

    @Override
    public void close() {
        pacer.shutdownNow();
        if (producer != null) {
            producer.close();
        }
    }
}
