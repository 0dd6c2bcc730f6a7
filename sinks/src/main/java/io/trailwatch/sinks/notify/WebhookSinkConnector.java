package io.trailwatch.sinks.notify;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Delivers alarm state changes ({@code trailwatch.alarms}) to a webhook as generic JSON (CloudWatch's event),
 * Slack messages or PagerDuty Events v2, each transition once. Example (standalone worker properties):
 * <pre>
 * name=pager
 * connector.class=io.trailwatch.sinks.notify.WebhookSinkConnector
 * topics=trailwatch.alarms
 * key.converter=org.apache.kafka.connect.converters.ByteArrayConverter
 * value.converter=org.apache.kafka.connect.converters.ByteArrayConverter
 * errors.tolerance=all
 * errors.deadletterqueue.topic.name=trailwatch.notifications.deadletter
 * errors.deadletterqueue.context.headers.enable=true
 * webhook.url=https://events.pagerduty.com/v2/enqueue
 * webhook.format=pagerduty
 * pagerduty.routing.key=...
 * schema.registry.url=http://localhost:8081/apis/ccompat/v7
 * delivered.bootstrap.servers=localhost:9092
 * </pre>
 */
public final class WebhookSinkConnector extends SinkConnector {

    static final String VERSION = "0.1.0";

    private Map<String, String> properties = Map.of();

    @Override
    public void start(final Map<String, String> properties) {
        new WebhookSinkConfig(properties);
        this.properties = new HashMap<>(properties);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return WebhookSinkTask.class;
    }

    /** Every task delivers to the same webhook; each takes its share of the topic's partitions. */
    @Override
    public List<Map<String, String>> taskConfigs(final int maxTasks) {
        return Collections.nCopies(maxTasks, properties);
    }

    @Override
    public void stop() {
        properties = Map.of();
    }

    @Override
    public ConfigDef config() {
        return WebhookSinkConfig.DEFINITION;
    }

    @Override
    public String version() {
        return VERSION;
    }
}
