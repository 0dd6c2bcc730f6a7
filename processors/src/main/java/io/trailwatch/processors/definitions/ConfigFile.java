package io.trailwatch.processors.definitions;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.trailwatch.processors.alarm.AlarmNames;
import io.trailwatch.processors.alarm.CompositeAlarmDefinition;
import io.trailwatch.processors.alarm.MetricAlarmDefinition;
import io.trailwatch.processors.alarm.mute.AlarmMuteRuleDefinition;
import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.config.DefinitionShapes;
import io.trailwatch.processors.config.DefinitionType;
import io.trailwatch.processors.filter.MetricFilterDefinition;
import io.trailwatch.processors.rules.RuleDefinition;
import io.trailwatch.schemas.json.InvalidRecordException;
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
    private static final Map<String, DefinitionType<?>> SECTIONS = Map.of(
        "metricFilters", MetricFilterDefinition.TYPE,
        "metricAlarms", MetricAlarmDefinition.TYPE,
        "rules", RuleDefinition.TYPE,
        "compositeAlarms", CompositeAlarmDefinition.TYPE,
        "alarmMuteRules", AlarmMuteRuleDefinition.TYPE);
    private static final String PACKS = "packs";
    /** Trailwatch's settings (the app's settings catalogue reads them), not definitions. */
    private static final String SETTINGS = "settings";

    private ConfigFile() {
    }

    public static List<DefinitionEntry> load(final Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        }
    }

    public static List<DefinitionEntry> parse(final InputStream in, final String source) throws IOException {
        final JsonNode root = YAML.readTree(in);
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of();
        }
        if (!root.isObject()) {
            throw new InvalidRecordException(source, "must be a mapping with sections " + sectionNames());
        }
        final List<DefinitionEntry> entries = new ArrayList<>();
        final Set<String> keys = new HashSet<>();
        final Iterator<Map.Entry<String, JsonNode>> sections = root.fields();
        while (sections.hasNext()) {
            final Map.Entry<String, JsonNode> section = sections.next();
            if (PACKS.equals(section.getKey())) {
                for (final DefinitionEntry entry : packs(section.getValue())) {
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
            final DefinitionType<?> type = SECTIONS.get(section.getKey());
            if (type == null) {
                throw new InvalidRecordException(section.getKey(), "unknown section; expected one of " + sectionNames());
            }
            if (!section.getValue().isArray()) {
                throw new InvalidRecordException(section.getKey(), "must be a list of definitions");
            }
            for (int i = 0; i < section.getValue().size(); i++) {
                final String where = section.getKey() + "[" + i + "]";
                final DefinitionEntry entry = entry(type, section.getValue().get(i), where);
                if (!keys.add(AlarmNames.claim(entry.kind(), entry.name()))) {
                    throw new InvalidRecordException(where, "duplicate name '" + entry.name() + "'");
                }
                entries.add(entry);
            }
        }
        return entries;
    }

    private static List<DefinitionEntry> packs(final JsonNode names) throws IOException {
        if (!names.isArray()) {
            throw new InvalidRecordException(PACKS, "must be a list of pack names, e.g. [cis]");
        }
        final List<DefinitionEntry> entries = new ArrayList<>();
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

    /** Validates one definition of a section, naming an offending field by its place in the file. */
    private static DefinitionEntry entry(final DefinitionType<?> type, final JsonNode node, final String where) {
        try {
            return type.request(node);
        } catch (final InvalidRecordException e) {
            throw new InvalidRecordException(where + "." + e.field(), e.reason());
        }
    }
}
