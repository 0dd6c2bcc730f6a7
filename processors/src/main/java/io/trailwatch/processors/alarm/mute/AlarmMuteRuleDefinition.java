package io.trailwatch.processors.alarm.mute;

import static io.trailwatch.processors.config.DefinitionShapes.STRING;
import static io.trailwatch.processors.config.DefinitionShapes.listOf;
import static io.trailwatch.processors.config.DefinitionShapes.object;
import static io.trailwatch.processors.config.DefinitionShapes.optional;

import io.trailwatch.processors.common.AwsTime;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.DefinitionShapes.ObjectShape;
import io.trailwatch.processors.config.DefinitionType;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * An alarm mute rule with PutAlarmMuteRule's parameters: while one of its windows is open, the targeted alarms
 * keep evaluating and changing state, but their notifications are held back.
 *
 * @param name        Name
 * @param description Description, nullable
 * @param rule        Rule: the schedule
 * @param muteTargets MuteTargets: the alarms it mutes
 * @param startDate   StartDate (any form of {@link AwsTime}; stored as an ISO 8601 instant), nullable: no window
 *                    before it
 * @param expireDate  ExpireDate (likewise), nullable: no window after it
 */
public record AlarmMuteRuleDefinition(String name, String description, Rule rule, MuteTargets muteTargets,
                                      String startDate, String expireDate) {

    /** Its JSON fields and their types, as the API takes it. */
    public static final ObjectShape SHAPE = object("an alarm mute rule (PutAlarmMuteRule)",
        optional("Name", STRING),
        optional("Description", STRING),
        optional("Rule", object("a mute rule's Rule",
            optional("Schedule", object("a mute rule's Schedule",
                optional("Expression", STRING),
                optional("Duration", STRING),
                optional("Timezone", STRING))))),
        optional("MuteTargets", object("a mute rule's MuteTargets", optional("AlarmNames", listOf(STRING)))),
        optional("StartDate", STRING),
        optional("ExpireDate", STRING));

    /** How it is read, checked and stored: every edge that takes one reads it through this. */
    public static final DefinitionType<AlarmMuteRuleDefinition> TYPE = DefinitionType.of(
        DefinitionKind.ALARM_MUTE_RULE, AlarmMuteRuleDefinition.class, SHAPE, AlarmMuteRuleDefinition::name,
        definition -> {
            definition.validate();
            return definition.withCanonicalDates();
        });

    static final int MAX_NAME = 255;
    static final int MAX_DESCRIPTION = 1024;
    static final int MAX_TARGETS = 100;

    /** @param schedule when and for how long */
    public record Rule(Schedule schedule) {
    }

    /**
     * @param expression {@code cron(...)} or {@code at(...)}
     * @param duration   ISO 8601 duration of each window
     * @param timezone   IANA zone of the expression, UTC when null
     */
    public record Schedule(String expression, String duration, String timezone) {
    }

    /** @param alarmNames the muted alarms, at most 100 */
    public record MuteTargets(List<String> alarmNames) {
        public MuteTargets {
            alarmNames = alarmNames == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(alarmNames));
        }
    }

    /**
     * Checks every parameter as PutAlarmMuteRule does.
     *
     * @throws InvalidRecordException naming the first offending field
     */
    public MuteRule validate() {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME) {
            throw new InvalidRecordException("Name", "is required, 1 to " + MAX_NAME + " characters");
        }
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw new InvalidRecordException("Description", "must be at most " + MAX_DESCRIPTION + " characters");
        }
        if (rule == null || rule.schedule() == null) {
            throw new InvalidRecordException("Rule.Schedule", "is required");
        }
        final MuteSchedule schedule = MuteSchedule.parse(rule.schedule().expression(), rule.schedule().duration(),
            rule.schedule().timezone());
        final List<String> targets = muteTargets == null ? List.of() : muteTargets.alarmNames();
        if (targets.isEmpty() || targets.size() > MAX_TARGETS) {
            throw new InvalidRecordException("MuteTargets.AlarmNames", "must name 1 to " + MAX_TARGETS + " alarms, had "
                + targets.size());
        }
        for (int i = 0; i < targets.size(); i++) {
            final String target = targets.get(i);
            if (target == null || target.isEmpty() || target.length() > MAX_NAME) {
                throw new InvalidRecordException("MuteTargets.AlarmNames[" + i + "]", "must be 1 to " + MAX_NAME
                    + " characters");
            }
        }
        final Instant start = instant(startDate, "StartDate");
        final Instant expire = instant(expireDate, "ExpireDate");
        if (start != null && expire != null && !expire.isAfter(start)) {
            throw new InvalidRecordException("ExpireDate", "must be after StartDate");
        }
        return new MuteRule(name, schedule, new LinkedHashSet<>(targets), start, expire);
    }

    /** The same rule with its dates as ISO 8601 instants, however they were given: how it is stored and shown. */
    public AlarmMuteRuleDefinition withCanonicalDates() {
        return new AlarmMuteRuleDefinition(name, description, rule, muteTargets, canonical(startDate, "StartDate"),
            canonical(expireDate, "ExpireDate"));
    }

    private static String canonical(final String text, final String field) {
        final Instant time = instant(text, field);
        return time == null ? null : time.toString();
    }

    private static Instant instant(final String text, final String field) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return AwsTime.parse(text);
        } catch (final DateTimeException e) {
            throw new InvalidRecordException(field, e.getMessage());
        }
    }
}
