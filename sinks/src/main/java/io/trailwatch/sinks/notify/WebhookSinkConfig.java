package io.trailwatch.sinks.notify;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Configuration of the webhook notifier, besides Connect's own ({@code topics}, the converters, which must be
 * ByteArrayConverter for values, and {@code errors.tolerance=all} with {@code errors.deadletterqueue.topic.name}
 * for the transitions that cannot be delivered).
 */
public final class WebhookSinkConfig extends AbstractConfig {

    public static final String URL = "webhook.url";
    public static final String FORMAT = "webhook.format";
    public static final String PAGERDUTY_ROUTING_KEY = "pagerduty.routing.key";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String DELIVERED_BOOTSTRAP_SERVERS = "delivered.bootstrap.servers";
    public static final String DELIVERED_TOPIC = "delivered.topic";
    /**
     * Prefix of the Kafka client settings, beyond the bootstrap servers, of the record of delivered transitions: how
     * it logs in to a secured cluster ({@code delivered.client.security.protocol}, {@code
     * delivered.client.sasl.mechanism}, {@code delivered.client.sasl.jaas.config}, TLS settings). The JAAS login is a
     * secret: give it as a config provider reference ({@code ${file:...}}), as {@code trailwatch up} does.
     */
    public static final String DELIVERED_CLIENT_PREFIX = "delivered.client.";
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
    public static final String RETRY_BACKOFF_MAX_MS = "retry.backoff.max.ms";
    public static final String RETRY_MAX_ATTEMPTS = "retry.max.attempts";
    public static final String REQUEST_TIMEOUT_MS = "request.timeout.ms";

    public static final String DEFAULT_DELIVERED_TOPIC = "trailwatch.notifications.delivered";

    public static final ConfigDef DEFINITION = new ConfigDef()
        .define(URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
            "Where to POST each alarm state change: a webhook, a Slack incoming-webhook URL, or PagerDuty's Events "
                + "API v2 (https://events.pagerduty.com/v2/enqueue).")
        .define(FORMAT, Type.STRING, PayloadFormat.json.name(),
            ConfigDef.ValidString.in(PayloadFormat.json.name(), PayloadFormat.slack.name(),
                PayloadFormat.pagerduty.name()), Importance.HIGH,
            "Payload: json (CloudWatch's 'CloudWatch Alarm State Change' event), slack (incoming-webhook message) or "
                + "pagerduty (Events v2: the alarm is the dedup key, ALARM triggers, OK resolves).")
        .define(PAGERDUTY_ROUTING_KEY, Type.PASSWORD, null, Importance.HIGH,
            "PagerDuty integration (routing) key; required with webhook.format=pagerduty.")
        .define(SCHEMA_REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
            Importance.HIGH, "Confluent-compatible schema registry, to decode the Avro state changes.")
        .define(DELIVERED_BOOTSTRAP_SERVERS, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
            Importance.HIGH, "Kafka cluster of the delivered-transitions topic (usually the worker's).")
        .define(DELIVERED_TOPIC, Type.STRING, DEFAULT_DELIVERED_TOPIC, new ConfigDef.NonEmptyString(),
            Importance.MEDIUM, "Compacted topic recording, per connector, each transition already delivered (or "
                + "dead-lettered), so that a restarted task skips it; created when missing.")
        .define(RETRY_BACKOFF_MS, Type.LONG, 500L, Range.atLeast(1), Importance.LOW,
            "Wait before the first retry of a failed delivery; doubled at each retry.")
        .define(RETRY_BACKOFF_MAX_MS, Type.LONG, 30_000L, Range.atLeast(1), Importance.LOW, "Longest wait between retries.")
        .define(RETRY_MAX_ATTEMPTS, Type.INT, 8, Range.between(1, 100), Importance.LOW,
            "Attempts per transition (5xx, 408, 429 and network errors are retried) before it goes to the dead-letter "
                + "topic. Keep the total wait below the worker's consumer max.poll.interval.ms.")
        .define(REQUEST_TIMEOUT_MS, Type.LONG, 10_000L, Range.atLeast(1), Importance.LOW, "Timeout of one request.");

    public WebhookSinkConfig(final Map<?, ?> originals) {
        super(DEFINITION, originals);
        if (format() == PayloadFormat.pagerduty && routingKey() == null) {
            throw new ConfigException(PAGERDUTY_ROUTING_KEY, null, "is required with webhook.format=pagerduty");
        }
    }

    public String url() {
        return getString(URL);
    }

    public PayloadFormat format() {
        return PayloadFormat.valueOf(getString(FORMAT).toLowerCase(Locale.ROOT));
    }

    public String routingKey() {
        final Password key = getPassword(PAGERDUTY_ROUTING_KEY);
        return key == null ? null : key.value();
    }

    public String schemaRegistryUrl() {
        return getString(SCHEMA_REGISTRY_URL);
    }

    public String deliveredBootstrapServers() {
        return getString(DELIVERED_BOOTSTRAP_SERVERS);
    }

    /** The {@value #DELIVERED_CLIENT_PREFIX} settings, without the prefix (resolved, in a task). */
    public Map<String, Object> deliveredClientSettings() {
        return originalsWithPrefix(DELIVERED_CLIENT_PREFIX);
    }

    public String deliveredTopic() {
        return getString(DELIVERED_TOPIC);
    }

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(getInt(RETRY_MAX_ATTEMPTS), Duration.ofMillis(getLong(RETRY_BACKOFF_MS)),
            Duration.ofMillis(getLong(RETRY_BACKOFF_MAX_MS)));
    }

    public Duration requestTimeout() {
        return Duration.ofMillis(getLong(REQUEST_TIMEOUT_MS));
    }
}
