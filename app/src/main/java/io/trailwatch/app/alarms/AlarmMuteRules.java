package io.trailwatch.app.alarms;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.processors.alarm.mute.AlarmMuteRuleDefinition;
import io.trailwatch.processors.alarm.mute.MuteRule;
import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.schemas.AlarmArns;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * CloudWatch's alarm mute rule operations, whichever front end asks: the {@code /v1/alarm-mute-rules} routes
 * ({@link AlarmMuteRulesApi}) and AWS's protocols ({@link AlarmsAwsOperations}).
 */
final class AlarmMuteRules {

    private static final Set<String> STATUSES = Set.of("SCHEDULED", "ACTIVE", "EXPIRED");

    private final AlarmDefinitionsView definitions;
    private final AlarmWrites writes;

    AlarmMuteRules(final AlarmDefinitionsView definitions, final AlarmWrites writes) {
        this.definitions = definitions;
        this.writes = writes;
    }

    /** PutAlarmMuteRule: the rule's ARN. */
    String put(final ObjectNode request) {
        final DefinitionEntry entry = AlarmMuteRuleDefinition.TYPE.request(request);
        writes.put(entry);
        return AlarmArns.ofMuteRule(entry.name());
    }

    /**
     * ListAlarmMuteRules' parameters.
     *
     * @param alarmName only the rules that mute this alarm; null for all
     * @param statuses  only the rules in one of these statuses; empty for all
     * @param after     the name the page starts after (from NextToken); null for the first page
     */
    record Listing(String alarmName, Set<String> statuses, int maxRecords, String after) {

        /** Every rule, in one page: the {@code /v1} route takes no parameters. */
        static final Listing ALL = new Listing(null, Set.of(), Integer.MAX_VALUE, null);

        /** This listing, of the rules that mute the named alarm only (every rule when null). */
        Listing forAlarm(final String alarm) {
            return new Listing(alarm, statuses, maxRecords, after);
        }

        static Listing of(final String alarmName, final List<String> statuses, final int maxRecords,
                          final String nextToken) {
            for (final String status : statuses) {
                if (!STATUSES.contains(status)) {
                    throw new ApiErrors.BadRequest("Statuses", "must be SCHEDULED, ACTIVE or EXPIRED, was '" + status
                        + "'");
                }
            }
            return new Listing(alarmName, Set.copyOf(statuses), maxRecords,
                DescribeAlarmsRequest.position(DescribeAlarmsRequest.MUTE_RULES_TOKEN, nextToken));
        }
    }

    /** ListAlarmMuteRules: one page of summaries in name order, and the NextToken after it. */
    ObjectNode list(final Listing listing) {
        final Instant now = Instant.now();
        final List<AlarmDefinitionsView.MuteRuleEntry> selected = definitions.muteRules().stream()
            .filter(entry -> listing.after() == null || entry.definition().name().compareTo(listing.after()) > 0)
            .filter(entry -> listing.alarmName() == null
                || entry.definition().muteTargets().alarmNames().contains(listing.alarmName()))
            .filter(entry -> listing.statuses().isEmpty()
                || listing.statuses().contains(entry.definition().validate().status(now)))
            .sorted(Comparator.comparing(entry -> entry.definition().name()))
            .limit(listing.maxRecords() + 1L).toList();
        final ObjectNode body = Definitions.MAPPER.createObjectNode();
        final ArrayNode summaries = body.putArray("AlarmMuteRuleSummaries");
        selected.stream().limit(listing.maxRecords()).forEach(entry -> {
            final MuteRule rule = entry.definition().validate();
            final ObjectNode summary = summaries.addObject()
                .put("Name", rule.name())
                .put("AlarmMuteRuleArn", AlarmArns.ofMuteRule(rule.name()));
            if (entry.definition().expireDate() != null) {
                summary.put("ExpireDate", entry.definition().expireDate());
            }
            summary.put("Status", rule.status(now)).put("MuteType", rule.muteType())
                .put("LastUpdatedTimestamp", entry.updatedAt().toString());
        });
        if (selected.size() > listing.maxRecords()) {
            body.put(DescribeAlarmsRequest.NEXT_TOKEN, DescribeAlarmsRequest.token(
                DescribeAlarmsRequest.MUTE_RULES_TOKEN, selected.get(listing.maxRecords() - 1).definition().name()));
        }
        return body;
    }

    /** GetAlarmMuteRule; a rule of no such name is not found. */
    ObjectNode get(final String name) {
        final AlarmDefinitionsView.MuteRuleEntry entry = definitions.muteRules().stream()
            .filter(candidate -> candidate.definition().name().equals(name)).findFirst()
            .orElseThrow(() -> new ApiErrors.NotFound("alarm mute rule '" + name + "' does not exist"));
        final MuteRule rule = entry.definition().validate();
        final ObjectNode body = Definitions.MAPPER.valueToTree(entry.definition());
        return body.put("AlarmMuteRuleArn", AlarmArns.ofMuteRule(name))
            .put("Status", rule.status(Instant.now()))
            .put("MuteType", rule.muteType())
            .put("LastUpdatedTimestamp", entry.updatedAt().toString());
    }

    /** DeleteAlarmMuteRule: false when there was no rule of that name. */
    boolean delete(final String name) {
        return writes.delete(DefinitionKind.ALARM_MUTE_RULE, name);
    }
}
