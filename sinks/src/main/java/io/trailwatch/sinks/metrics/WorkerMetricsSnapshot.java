package io.trailwatch.sinks.metrics;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The Connect worker's metrics as it registers them in JMX (domain {@code kafka.connect}, Kafka's
 * {@code JmxReporter}, which every worker has): the worker's, each connector's and task's, Connect's error-handling
 * metrics and the plugins' own (KIP-877). JMX is where the worker's metrics meet in its JVM, whatever class loader
 * registered them.
 *
 * <p>Numbers as they are; a connector's or task's {@code status} (a word) as one metric per state Connect knows,
 * tagged {@code state}, 1 for the current one and 0 for the others, so that a task that failed shows as a number to
 * alarm on. Other words ({@code connector-class}, versions) and the {@code app-info} group are left out.
 */
final class WorkerMetricsSnapshot {

    static final String DOMAIN = "kafka.connect";
    /** Connect's states of a connector or task ({@code AbstractStatus.State}), as its metrics spell them. */
    static final List<String> STATES = List.of("unassigned", "running", "paused", "stopped", "failed",
        "restarting", "destroyed");
    private static final String STATUS = "status";

    private final MBeanServer server;

    WorkerMetricsSnapshot(final MBeanServer server) {
        this.server = server;
    }

    static WorkerMetricsSnapshot platform() {
        return new WorkerMetricsSnapshot(ManagementFactory.getPlatformMBeanServer());
    }

    /** Every metric the worker has now; one that goes away while being read is left out. */
    List<WorkerMetric> read() {
        final List<WorkerMetric> metrics = new ArrayList<>();
        final ObjectName all;
        try {
            all = new ObjectName(DOMAIN + ":*");
        } catch (final JMException e) {
            throw new IllegalStateException(e);
        }
        for (final ObjectName bean : server.queryNames(all, null)) {
            final String group = bean.getKeyProperty("type");
            if (group == null || group.equals("app-info")) {
                continue;
            }
            final Map<String, String> tags = tags(bean);
            try {
                for (final MBeanAttributeInfo attribute : server.getMBeanInfo(bean).getAttributes()) {
                    add(metrics, group, attribute.getName(), tags, server.getAttribute(bean, attribute.getName()));
                }
            } catch (final JMException gone) {
                // a task stopping meanwhile unregisters its metrics: they are simply not in this snapshot
            }
        }
        return metrics;
    }

    private static void add(final List<WorkerMetric> metrics, final String group, final String name,
                            final Map<String, String> tags, final Object value) {
        if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
            metrics.add(new WorkerMetric(group, name, tags, number.doubleValue()));
        } else if (STATUS.equals(name) && value instanceof String state) {
            final String current = state.toLowerCase(Locale.ROOT);
            for (final String known : STATES) {
                final Map<String, String> tagged = new LinkedHashMap<>(tags);
                tagged.put("state", known);
                metrics.add(new WorkerMetric(group, name, tagged, known.equals(current) ? 1 : 0));
            }
        }
    }

    /** The bean's key properties but its type. */
    private static Map<String, String> tags(final ObjectName bean) {
        final Map<String, String> tags = new TreeMap<>();
        bean.getKeyPropertyList().forEach((key, value) -> {
            if (!key.equals("type")) {
                tags.put(key, value.startsWith("\"") ? ObjectName.unquote(value) : value);
            }
        });
        return tags;
    }
}
