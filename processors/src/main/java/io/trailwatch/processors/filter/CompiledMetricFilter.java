package io.trailwatch.processors.filter;

import io.trailwatch.processors.filter.pattern.FilterPattern;
import io.trailwatch.processors.filter.pattern.PatternKind;

/** A metric filter with its pattern parsed, ready for the hot path. */
public record CompiledMetricFilter(MetricFilterDefinition definition, FilterPattern pattern,
                                   MetricTransformation transformation) {

    public static CompiledMetricFilter compile(final String definitionJson) {
        final MetricFilterDefinition definition = MetricFilterDefinition.TYPE.fromJson(definitionJson);
        return new CompiledMetricFilter(definition, definition.validate(), definition.metricTransformations().get(0));
    }

    public String logGroupName() {
        return definition.logGroupName();
    }

    boolean readsJson() {
        return pattern.kind() == PatternKind.JSON;
    }
}
