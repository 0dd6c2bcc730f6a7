package io.trailwatch.app.cli;

import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.kafka.KafkaAccess;
import io.trailwatch.sinks.notify.NotifyConnectors;
import io.trailwatch.sinks.notify.PayloadFormat;
import io.trailwatch.sinks.notify.WebhookSinkConfig;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Option;

/** Where {@code trailwatch up} delivers alarm state changes: a webhook, through the notifier connector. */
public final class NotifyOptions {

    static final String CONNECTOR_NAME = "trailwatch-notify-webhook";

    @Option(names = "--webhook-url", paramLabel = "URL", description = "Deliver the state changes of every alarm "
        + "without actions to this webhook, once: the json format subscribes it to the default notification topic "
        + "(trailwatch-default, SNS's envelope), slack and pagerduty go through the notifier connector (with --demo: "
        + "a local webhook that prints them).")
    String webhookUrl;

    @Option(names = "--webhook-format", defaultValue = "json", paramLabel = "FORMAT",
        description = "Payload of the webhook: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}): json is "
            + "CloudWatch's \"Alarm State Change\" event as EventBridge sends it.")
    PayloadFormat format;

    @Option(names = "--pagerduty-routing-key", paramLabel = "KEY",
        description = "Integration key of the PagerDuty service, with --webhook-format pagerduty.")
    String pagerDutyRoutingKey;

    boolean webhookNamed() {
        return webhookUrl != null;
    }

    /**
     * What the notifier connector would reject in these options (e.g. the pagerduty format without a routing key),
     * or null: checked as the connector checks it, before anything starts, instead of failing in the Connect worker
     * once the stack is up. The addresses only known after start are stand-ins here.
     */
    String problem() {
        try {
            new WebhookSinkConfig(connector(webhookNamed() ? webhookUrl : "http://127.0.0.1/", "http://127.0.0.1/",
                "127.0.0.1:9092"));
            return null;
        } catch (final ConfigException e) {
            return e.getMessage();
        }
    }

    /** The notifier connector for {@code url}, on Kafka as {@code kafka} reaches it (its login a secret). */
    Map<String, String> connector(final String url, final String registryUrl, final KafkaAccess kafka) {
        return NotifyConnectors.webhook(CONNECTOR_NAME, Topics.ALARMS.name(), url, format, pagerDutyRoutingKey,
            registryUrl, kafka.bootstrapServers(), kafka.security());
    }

    /** The notifier connector for {@code url}: the named webhook, or the demo's own. */
    Map<String, String> connector(final String url, final String registryUrl, final String bootstrapServers) {
        return NotifyConnectors.webhook(CONNECTOR_NAME, Topics.ALARMS.name(), url, format, pagerDutyRoutingKey,
            registryUrl, bootstrapServers);
    }
}
