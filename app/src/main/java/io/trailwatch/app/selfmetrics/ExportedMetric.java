package io.trailwatch.app.selfmetrics;

import java.util.List;

/**
 * One of Trailwatch's own figures as a CloudWatch metric in its namespace: which meters it is read from, and how.
 *
 * @param meter      the Micrometer meter name the figure is read from (every meter of that name, whatever its tags)
 * @param namespace  CloudWatch's namespace ({@code Trailwatch/Pipeline})
 * @param metricName CloudWatch's metric name
 * @param unit       CloudWatch's unit
 * @param kind       how a minute's value is read from the meters
 * @param tags       the meters' tags that become dimensions; the meters are added up per combination of their values,
 *                   and once more over all of them without dimensions (the figure an alarm on the whole takes)
 */
record ExportedMetric(String meter, String namespace, String metricName, String unit, Kind kind, List<String> tags) {

    enum Kind {
        /** A counter: what it counted during the minute (the statistic to alarm on is Sum). */
        COUNT,
        /** A gauge, added up over the meters grouped together (records of lag). */
        GAUGE_SUM,
        /** A gauge, the largest of the meters grouped together (an age). */
        GAUGE_MAX,
        /** A timer's count during the minute. */
        TIMER_COUNT,
        /** A timer's observations during the minute as a statistic set, in milliseconds. */
        TIMER_LATENCY
    }

    /** Trailwatch's own figures, as they go to CloudWatch every minute. */
    static final List<ExportedMetric> ALL = List.of(
        new ExportedMetric(TopicOutcomes.DEAD_LETTERS, "Trailwatch/Pipeline", "DeadLetters", "Count", Kind.COUNT,
            List.of("source_topic", "reason")),
        new ExportedMetric(TopicOutcomes.LATE_RECORDS, "Trailwatch/Pipeline", "LateRecords", "Count", Kind.COUNT,
            List.of("source_topic", "reason")),
        new ExportedMetric(SelfMetrics.RECORDS_IN, "Trailwatch/Pipeline", "RecordsIn", "Count", Kind.COUNT,
            List.of("topic")),
        new ExportedMetric(SelfMetrics.RECORDS_OUT, "Trailwatch/Pipeline", "RecordsOut", "Count", Kind.COUNT,
            List.of("topic")),
        new ExportedMetric(SelfMetrics.RECORDS_PROCESSED, "Trailwatch/Pipeline", "RecordsProcessed", "Count",
            Kind.COUNT, List.of("processor-node-id")),
        new ExportedMetric(SelfMetrics.STATE_STORE_KEYS, "Trailwatch/Pipeline", "StateStoreKeys", "Count",
            Kind.GAUGE_SUM, List.of("rocksdb-state-id")),
        new ExportedMetric(ConsumerLag.LAG, "Trailwatch/Kafka", "ConsumerLag", "Count", Kind.GAUGE_SUM,
            List.of("group")),
        new ExportedMetric(ConsumerLag.ARCHIVE_LAG, "Trailwatch/Archive", "ArchiveLag", "Seconds", Kind.GAUGE_MAX,
            List.of("connector")),
        new ExportedMetric(ConnectWorkerMetrics.UPLOAD_FAILURES, "Trailwatch/Archive", "UploadFailures", "Count",
            Kind.COUNT, List.of("connector", "reason")),
        new ExportedMetric(ConnectWorkerMetrics.FAILED_TASKS, "Trailwatch/Connect", "FailedTasks", "Count",
            Kind.GAUGE_SUM, List.of("connector")),
        new ExportedMetric(ConnectWorkerMetrics.UP, "Trailwatch/Connect", "WorkerUp", "None", Kind.GAUGE_MAX,
            List.of()),
        new ExportedMetric(TopicOutcomes.ALARM_TRANSITIONS, "Trailwatch/Alarms", "Transitions", "Count", Kind.COUNT,
            List.of("state")),
        new ExportedMetric(SelfMetrics.ALARM_EVALUATION, "Trailwatch/Alarms", "EvaluationLatency", "Milliseconds",
            Kind.TIMER_LATENCY, List.of()),
        new ExportedMetric(TopicOutcomes.NOTIFICATIONS_DELIVERED, "Trailwatch/Notifications", "Delivered", "Count",
            Kind.COUNT, List.of()),
        new ExportedMetric(TopicOutcomes.NOTIFICATIONS_FAILED, "Trailwatch/Notifications", "Failed", "Count",
            Kind.COUNT, List.of("reason")),
        new ExportedMetric(HttpRequestMetrics.NAME, "Trailwatch/Http", "Requests", "Count", Kind.TIMER_COUNT,
            List.of("route", "status")),
        new ExportedMetric(HttpRequestMetrics.NAME, "Trailwatch/Http", "Latency", "Milliseconds",
            Kind.TIMER_LATENCY, List.of("route")));
}
