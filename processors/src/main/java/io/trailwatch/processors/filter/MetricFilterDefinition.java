package io.trailwatch.processors.filter;

import static io.trailwatch.processors.config.DefinitionShapes.STRING;
import static io.trailwatch.processors.config.DefinitionShapes.listOf;
import static io.trailwatch.processors.config.DefinitionShapes.object;
import static io.trailwatch.processors.config.DefinitionShapes.optional;

import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.DefinitionShapes.ObjectShape;
import io.trailwatch.processors.config.DefinitionType;
import io.trailwatch.processors.filter.pattern.FilterPattern;
import io.trailwatch.processors.filter.pattern.FilterPatternInput;
import io.trailwatch.processors.logs.LogNames;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.List;

/**
 * A metric filter, as PutMetricFilter takes it.
 *
 * @param filterName            unique name
 * @param logGroupName          the log group it reads; {@value #AUDIT_TRAIL} (the default) means the audit trail
 * @param filterPattern         CloudWatch Logs filter pattern
 * @param metricTransformations what each match emits (exactly one, as CloudWatch allows)
 */
public record MetricFilterDefinition(String filterName, String logGroupName, String filterPattern,
                                     List<MetricTransformation> metricTransformations) {

    /** Its JSON fields and their types, as the API takes it. */
    public static final ObjectShape SHAPE = object("a metric filter (PutMetricFilter)",
        optional("FilterName", STRING),
        optional("LogGroupName", STRING),
        optional("FilterPattern", STRING),
        optional("MetricTransformations", listOf(MetricTransformation.SHAPE)));

    /** How it is read, checked and stored: every edge that takes one reads it through this. */
    public static final DefinitionType<MetricFilterDefinition> TYPE = DefinitionType.of(
        DefinitionKind.METRIC_FILTER, MetricFilterDefinition.class, SHAPE, MetricFilterDefinition::filterName,
        DefinitionType.validatedBy(MetricFilterDefinition::validate));

    /** The log-group name under which the audit trail is filtered, like CloudTrail's delivery to CloudWatch Logs. */
    public static final String AUDIT_TRAIL = "trailwatch/audit";

    public MetricFilterDefinition {
        logGroupName = logGroupName == null || logGroupName.isBlank() ? AUDIT_TRAIL : logGroupName;
        metricTransformations = metricTransformations == null ? List.of() : List.copyOf(metricTransformations);
    }

    /** Validates as PutMetricFilter does and returns the compiled pattern. */
    public FilterPattern validate() {
        MetricTransformation.requireLength("FilterName", filterName, 512);
        if (filterName.indexOf(':') >= 0 || filterName.indexOf('*') >= 0) {
            throw new InvalidRecordException("FilterName", "may not contain ':' or '*'");
        }
        LogNames.requireGroup("LogGroupName", logGroupName);
        if (filterPattern == null) {
            throw new InvalidRecordException("FilterPattern", "is required");
        }
        if (metricTransformations.size() != 1) {
            throw new InvalidRecordException("MetricTransformations",
                "exactly one metric transformation is required, got " + metricTransformations.size());
        }
        metricTransformations.get(0).validate("MetricTransformations[0]");
        return FilterPatternInput.parse("FilterPattern", filterPattern);
    }
}
