package io.trailwatch.processors.alarm;

import static io.trailwatch.processors.config.DefinitionShapes.BOOLEAN;
import static io.trailwatch.processors.config.DefinitionShapes.STRING;
import static io.trailwatch.processors.config.DefinitionShapes.listOf;
import static io.trailwatch.processors.config.DefinitionShapes.object;
import static io.trailwatch.processors.config.DefinitionShapes.optional;
import static io.trailwatch.processors.config.DefinitionShapes.present;

import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.DefinitionShapes.ObjectShape;
import io.trailwatch.processors.config.DefinitionType;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A composite alarm with PutCompositeAlarm's parameters. Like {@link MetricAlarmDefinition}, the constructor only
 * normalises, so that {@link #validate()} can name the first offending AWS field.
 *
 * @param alarmName               AlarmName
 * @param alarmDescription        AlarmDescription, nullable
 * @param alarmRule               AlarmRule, the expression over child alarms' states
 * @param actionsEnabled          ActionsEnabled
 * @param alarmActions            AlarmActions (ARNs); null means none
 * @param okActions               OKActions (ARNs); null means none
 * @param insufficientDataActions InsufficientDataActions (ARNs); null means none
 */
public record CompositeAlarmDefinition(String alarmName, String alarmDescription, String alarmRule,
                                       boolean actionsEnabled, List<String> alarmActions, List<String> okActions,
                                       List<String> insufficientDataActions) {

    /** Its JSON fields and their types, as the API takes it. */
    public static final ObjectShape SHAPE = object("a composite alarm (PutCompositeAlarm)",
        optional("AlarmName", STRING),
        optional("AlarmDescription", STRING),
        optional("AlarmRule", STRING),
        present("ActionsEnabled", BOOLEAN),
        optional("AlarmActions", listOf(STRING)),
        optional("OKActions", listOf(STRING)),
        optional("InsufficientDataActions", listOf(STRING)));

    /** How it is read, checked and stored: every edge that takes one reads it through this. */
    public static final DefinitionType<CompositeAlarmDefinition> TYPE = DefinitionType.of(
        DefinitionKind.COMPOSITE_ALARM, CompositeAlarmDefinition.class, SHAPE, CompositeAlarmDefinition::alarmName,
        DefinitionType.validatedBy(CompositeAlarmDefinition::validate))
        .completedBy(AlarmDefaults::actionsEnabled);

    public CompositeAlarmDefinition {
        alarmActions = listCopy(alarmActions);
        okActions = listCopy(okActions);
        insufficientDataActions = listCopy(insufficientDataActions);
    }

    /**
     * Checks every parameter as PutCompositeAlarm does and returns the parsed rule.
     *
     * @throws InvalidRecordException naming the first offending field; for the rule, the reason says at which
     *                                character position (0-based) the parser stopped
     */
    public AlarmRule validate() {
        PutMetricAlarmRules.checkCommon(alarmName, alarmDescription, okActions, alarmActions, insufficientDataActions);
        final AlarmRule rule;
        try {
            rule = AlarmRule.parse(alarmRule);
        } catch (final AlarmRuleException e) {
            throw new InvalidRecordException("AlarmRule", e.reason() + " at position " + e.position());
        }
        // A rule naming the alarm itself is a cycle, which PutCompositeAlarm accepts; evaluation then stops
        // (CompositeAlarmEvaluator, CompositeCycles), as CloudWatch's does.
        return rule;
    }

    private static List<String> listCopy(final List<String> source) {
        return source == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(source));
    }
}
