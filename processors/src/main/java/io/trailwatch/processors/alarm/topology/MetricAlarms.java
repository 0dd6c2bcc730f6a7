package io.trailwatch.processors.alarm.topology;

import io.trailwatch.processors.alarm.MetricAlarmDefinition;
import io.trailwatch.processors.config.CompiledDefinitions;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.DefinitionsVersion;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.processors.config.MetricAlarmJson;

/** Metric alarm definitions as read from the config store. */
final class MetricAlarms {

    private MetricAlarms() {
    }

    static CompiledDefinitions<MetricAlarmDefinition> compiled(final DefinitionsVersion version) {
        return new CompiledDefinitions<>(DefinitionKind.METRIC_ALARM,
            json -> MetricAlarmJson.read(Definitions.tree(json)).validate(), version);
    }
}
