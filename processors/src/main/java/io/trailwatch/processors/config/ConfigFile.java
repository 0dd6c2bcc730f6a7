package io.trailwatch.processors.config;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.trailwatch.processors.alarm.CompositeAlarmDefinition;
import io.trailwatch.processors.alarm.MetricAlarmDefinition;
import io.trailwatch.processors.rules.RuleDefinition;
import io.trailwatch.processors.alarm.mute.AlarmMuteRuleDefinition;
import io.trailwatch.processors.logs.LogGroupDefinition;
import io.trailwatch.processors.logs.LogStreamDefinition;
import io.trailwatch.processors.logs.subscription.SubscriptionFilterDefinition;
import io.trailwatch.processors.notify.NotificationTopicDefinition;
import io.trailwatch.processors.notify.SubscriptionDefinition;
import io.trailwatch.schemas.json.InvalidRecordException;
import io.trailwatch.processors.rules.destinations.ApiDestinationDefinition;
import io.trailwatch.processors.rules.destinations.ConnectionDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A YAML (or JSON) file of definitions, as {@code trailwatch up --config FILE} takes it:
 * <pre>
 * metricFilters:
 *   - filterName: DeleteBucket
 *     filterPattern: '{ $.eventName = "DeleteBucket" }'
 *     metricTransformations: [{metricName: DeleteBucketCount, metricNamespace: Security, metricValue: "1"}]
 * metricAlarms:
 *   - alarmName: BucketDeleted
 *     ...PutMetricAlarm's fields...
 * rules:
 *   - name: RootActivity
 *     eventPattern: {detail: {userIdentity: {type: [Root]}}}
 *     targetTopic: security.remediation
 * packs: [cis]
 * compositeAlarms:
 *   - alarmName: SecurityIncident
 *     alarmRule: ALARM(BucketDeleted) AND NOT ALARM(MaintenanceWindow)
 * alarmMuteRules:
 *   - name: NightlyBackup
 *     rule: {schedule: {expression: "cron(0 2 * * *)", duration: PT2H, timezone: Europe/Paris}}
 *     muteTargets: {alarmNames: [BucketDeleted]}
 * </pre>
 * Metric and composite alarms share one namespace of names, as in CloudWatch.
 * Every definition is validated before anything is published, so a bad file changes nothing. Values are not
 * coerced ({@link DefinitionShapes}): quote a string that YAML would read as a number ({@code metricValue: "1"}).
 */
public final class ConfigFile {

    /** Strict as request bodies are: a key given twice, or a second document after the first, is an error. */
    private static final ObjectMapper YAML = YAMLMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
    private static final Map<String, DefinitionKind> SECTIONS = Map.of(
        "metricFilters", DefinitionKind.METRIC_FILTER,
        "metricAlarms", DefinitionKind.METRIC_ALARM,
        "rules", DefinitionKind.RULE,
        "compositeAlarms", DefinitionKind.COMPOSITE_ALARM,
        "alarmMuteRules", DefinitionKind.ALARM_MUTE_RULE);
    private static final String PACKS = "packs";
    /** Trailwatch's settings (the app's settings catalogue reads them), not definitions. */
    private static final String SETTINGS = "settings";

    private ConfigFile() {
    }

    /** A validated definition ready for the config topic. */
    public record Entry(DefinitionKind kind, String name, String definitionJson) {
        public String key() {
            return kind.key(name);
        }
    }

    public static List<Entry> load(final Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        }
    }

    public static List<Entry> parse(final InputStream in, final String source) throws IOException {
        final JsonNode root = YAML.readTree(in);
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of();
        }
        if (!root.isObject()) {
            throw new InvalidRecordException(source, "must be a mapping with sections " + sectionNames());
        }
        final List<Entry> entries = new ArrayList<>();
        final Set<String> keys = new HashSet<>();
        final Iterator<Map.Entry<String, JsonNode>> sections = root.fields();
        while (sections.hasNext()) {
            final Map.Entry<String, JsonNode> section = sections.next();
            if (PACKS.equals(section.getKey())) {
                for (final Entry entry : packs(section.getValue())) {
                    if (!keys.add(entry.key())) {
                        throw new InvalidRecordException(PACKS, "pack definition '" + entry.key() + "' is defined twice");
                    }
                    entries.add(entry);
                }
                continue;
            }
            if (SETTINGS.equals(section.getKey())) {
                continue;
            }
            final DefinitionKind kind = SECTIONS.get(section.getKey());
            if (kind == null) {
                throw new InvalidRecordException(section.getKey(), "unknown section; expected one of " + sectionNames());
            }
            if (!section.getValue().isArray()) {
                throw new InvalidRecordException(section.getKey(), "must be a list of definitions");
            }
            for (int i = 0; i < section.getValue().size(); i++) {
                final String where = section.getKey() + "[" + i + "]";
                final Entry entry = entry(kind, section.getValue().get(i), where);
                if (!keys.add(AlarmNames.claim(entry))) {
                    throw new InvalidRecordException(where, "duplicate name '" + entry.name() + "'");
                }
                entries.add(entry);
            }
        }
        return entries;
    }

    private static List<Entry> packs(final JsonNode names) throws IOException {
        if (!names.isArray()) {
            throw new InvalidRecordException(PACKS, "must be a list of pack names, e.g. [cis]");
        }
        final List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).isTextual()) {
                throw new InvalidRecordException(PACKS + "[" + i + "]", "must be a pack name, one of " + Packs.names());
            }
            entries.addAll(Packs.load(names.get(i).textValue()));
        }
        return entries;
    }

    private static Set<String> sectionNames() {
        final Set<String> names = new TreeSet<>(SECTIONS.keySet());
        names.add(PACKS);
        names.add(SETTINGS);
        return names;
    }

    /** Validates one definition given as JSON text; used by every edge that accepts definitions. */
    public static Entry entry(final DefinitionKind kind, final String json) {
        return entry(kind, Definitions.tree(json), "(definition)");
    }

    /** As {@link #entry(DefinitionKind, String)}, naming an offending field by its own name (an API request's). */
    public static Entry request(final DefinitionKind kind, final JsonNode json) {
        return entry(kind, json, null);
    }

    private static Entry entry(final DefinitionKind kind, final JsonNode node, final String where) {
        try {
            return switch (kind) {
                case METRIC_FILTER -> {
                    final MetricFilterDefinition filter = Definitions.fromTree(node, MetricFilterDefinition.class);
                    filter.validate();
                    yield new Entry(kind, filter.filterName(), Definitions.toJson(filter));
                }
                case METRIC_ALARM -> {
                    final MetricAlarmDefinition alarm = MetricAlarmJson.read(node).validate();
                    yield new Entry(kind, alarm.alarmName(), Definitions.toJson(alarm));
                }
                case RULE -> {
                    final RuleDefinition rule = Definitions.fromTree(node, RuleDefinition.class).validate();
                    yield new Entry(kind, rule.name(), Definitions.toJson(rule));
                }
                case COMPOSITE_ALARM -> {
                    final CompositeAlarmDefinition alarm = CompositeAlarmJson.read(node);
                    alarm.validate();
                    yield new Entry(kind, alarm.alarmName(), Definitions.toJson(alarm));
                }
                case ALARM_MUTE_RULE -> {
                    final AlarmMuteRuleDefinition rule = Definitions.fromTree(node,
                        AlarmMuteRuleDefinition.class);
                    rule.validate();
                    yield new Entry(kind, rule.name(), Definitions.toJson(rule.withCanonicalDates()));
                }
                case LOG_GROUP -> {
                    final LogGroupDefinition group = Definitions.fromTree(node, LogGroupDefinition.class).validate();
                    yield new Entry(kind, group.logGroupName(), Definitions.toJson(group));
                }
                case LOG_STREAM -> {
                    final LogStreamDefinition stream = Definitions.fromTree(node, LogStreamDefinition.class)
                        .validate();
                    yield new Entry(kind, stream.name(), Definitions.toJson(stream));
                }
                case NOTIFICATION_TOPIC -> {
                    final NotificationTopicDefinition topic = Definitions.fromTree(node,
                        NotificationTopicDefinition.class).validate();
                    yield new Entry(kind, topic.name(), Definitions.toJson(topic));
                }
                case SUBSCRIPTION_FILTER -> {
                    final SubscriptionFilterDefinition filter = Definitions.fromTree(node,
                        SubscriptionFilterDefinition.class).validate();
                    yield new Entry(kind, filter.name(), Definitions.toJson(filter));
                }
                case SUBSCRIPTION -> {
                    final SubscriptionDefinition subscription = Definitions.fromTree(node,
                        SubscriptionDefinition.class).validate();
                    yield new Entry(kind, subscription.name(), Definitions.toJson(subscription));
                }
                case CONNECTION -> {
                    final ConnectionDefinition connection = Definitions.fromTree(node, ConnectionDefinition.class)
                        .validate();
                    yield new Entry(kind, connection.name(), Definitions.toJson(connection));
                }
                case API_DESTINATION -> {
                    final ApiDestinationDefinition destination = Definitions.fromTree(node,
                        ApiDestinationDefinition.class).validate();
                    yield new Entry(kind, destination.name(), Definitions.toJson(destination));
                }
            };
        } catch (final InvalidRecordException e) {
            throw where == null ? e : new InvalidRecordException(where + "." + e.field(), e.reason());
        }
    }
}
