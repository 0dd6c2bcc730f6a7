package io.trailwatch.app.alarms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.app.http.RequestBodies;
import io.trailwatch.avro.AlarmCommand;
import io.trailwatch.processors.alarm.MetricAlarmDefinition;
import io.trailwatch.processors.alarm.topology.AlarmCommands;
import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.definitions.DefinitionTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * CloudWatch's alarm operations, whichever front end asks: the {@code /v1/alarms} routes ({@link AlarmsApi}) and
 * AWS's protocols ({@link AlarmsAwsOperations}). Requests and answers use AWS's member names.
 */
final class AlarmService {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** DeleteAlarms, EnableAlarmActions and DisableAlarmActions name at most this many alarms. */
    static final int MAX_NAMES = 100;

    private final AlarmDefinitionsView definitions;
    private final AlarmStatesView states;
    private final AlarmWrites writes;

    AlarmService(final AlarmDefinitionsView definitions, final AlarmStatesView states, final AlarmWrites writes) {
        this.definitions = definitions;
        this.states = states;
        this.writes = writes;
    }

    /** PutMetricAlarm or PutCompositeAlarm: the request, validated as AWS does, replaces any alarm of its name. */
    void put(final DefinitionKind kind, final ObjectNode request) {
        final DefinitionEntry entry = DefinitionTypes.of(kind).request(request);
        final Optional<DefinitionKind> existing = definitions.alarmKind(entry.name());
        if (existing.isPresent() && existing.get() != kind) {
            throw new ApiErrors.BadRequest("AlarmName", "an alarm of the other type (" + typeOf(existing.get())
                + ") is named '" + entry.name() + "'; alarm names are unique across metric and composite alarms");
        }
        writes.put(entry);
    }

    static String typeOf(final DefinitionKind kind) {
        return kind == DefinitionKind.COMPOSITE_ALARM ? "CompositeAlarm" : "MetricAlarm";
    }

    /** DescribeAlarms: one page of MetricAlarms and CompositeAlarms, in name order, and the NextToken after it. */
    ObjectNode describe(final DescribeAlarmsRequest request) {
        final Set<String> relatives = relatives(request);
        final Map<String, AlarmStateView> current = states.all();
        // Each alarm selected is described only if it is on the page (or ActionPrefix needs its actions): a page of
        // 50 out of 10,000 alarms builds 50 descriptions, not 10,000.
        final TreeMap<String, Supplier<ObjectNode>> all = new TreeMap<>();
        final Set<String> composites = new HashSet<>();
        if (request.wants("MetricAlarm")) {
            for (final AlarmDefinitionsView.MetricAlarm alarm : definitions.metricAlarms()) {
                final String name = alarm.definition().alarmName();
                if (selected(request, relatives, name, current.get(name))) {
                    all.put(name, () -> AlarmDescriptions.metric(alarm, current.get(name)));
                }
            }
        }
        if (request.wants("CompositeAlarm")) {
            for (final AlarmDefinitionsView.CompositeAlarm alarm : definitions.compositeAlarms()) {
                final String name = alarm.definition().alarmName();
                if (selected(request, relatives, name, current.get(name))) {
                    all.put(name, () -> AlarmDescriptions.composite(alarm, current.get(name)));
                    composites.add(name);
                }
            }
        }
        if (request.actionPrefix() != null) {
            all.values().removeIf(describe -> !hasAction(describe.get(), request.actionPrefix()));
        }
        final List<String> page = all.keySet().stream()
            .filter(name -> request.after() == null || name.compareTo(request.after()) > 0)
            .limit(request.maxRecords() + 1L).toList();
        final ObjectNode body = JSON.createObjectNode();
        final ArrayNode metricItems = body.putArray("MetricAlarms");
        final ArrayNode compositeItems = body.putArray("CompositeAlarms");
        page.stream().limit(request.maxRecords()).forEach(name ->
            (composites.contains(name) ? compositeItems : metricItems).add(all.get(name).get()));
        if (page.size() > request.maxRecords()) {
            body.put("NextToken", DescribeAlarmsRequest.tokenAfter(page.get(request.maxRecords() - 1)));
        }
        return body;
    }

    /** ActionPrefix: an action of any state (ALARM, OK, INSUFFICIENT_DATA) starts with the prefix. */
    private static boolean hasAction(final ObjectNode item, final String prefix) {
        return Stream.of("AlarmActions", "OKActions", "InsufficientDataActions")
            .flatMap(list -> StreamSupport.stream(item.path(list).spliterator(), false))
            .anyMatch(action -> action.asText().startsWith(prefix));
    }

    /** The alarms ChildrenOfAlarmName or ParentsOfAlarmName select; null when neither is given. */
    private Set<String> relatives(final DescribeAlarmsRequest request) {
        if (request.childrenOf() != null) {
            return definitions.compositeAlarms().stream()
                .filter(alarm -> alarm.definition().alarmName().equals(request.childrenOf()))
                .findFirst().map(alarm -> alarm.rule().children()).orElse(Set.of());
        }
        if (request.parentsOf() != null) {
            return Set.copyOf(parentsOf(request.parentsOf()));
        }
        return null;
    }

    private List<String> parentsOf(final String name) {
        return definitions.compositeAlarms().stream()
            .filter(alarm -> !alarm.definition().alarmName().equals(name) && alarm.rule().children().contains(name))
            .map(alarm -> alarm.definition().alarmName()).sorted().toList();
    }

    private static boolean selected(final DescribeAlarmsRequest request, final Set<String> relatives,
                                    final String name, final AlarmStateView state) {
        final String stateValue = state == null ? "INSUFFICIENT_DATA" : state.stateValue();
        return (request.alarmNames().isEmpty() || request.alarmNames().contains(name))
            && (request.alarmNamePrefix() == null || name.startsWith(request.alarmNamePrefix()))
            && (relatives == null || relatives.contains(name))
            && (request.stateValue() == null || request.stateValue().equals(stateValue));
    }

    /**
     * DescribeAlarmsForMetric: the metric alarms on exactly this metric (namespace, name and all its dimensions),
     * narrowed by the statistic, period and unit when they are given.
     */
    ObjectNode describeForMetric(final AlarmedMetric metric) {
        final Map<String, AlarmStateView> current = states.all();
        final TreeMap<String, ObjectNode> alarms = new TreeMap<>();
        for (final AlarmDefinitionsView.MetricAlarm alarm : definitions.metricAlarms()) {
            if (metric.matches(alarm.definition())) {
                final String name = alarm.definition().alarmName();
                alarms.put(name, AlarmDescriptions.metric(alarm, current.get(name)));
            }
        }
        final ObjectNode body = JSON.createObjectNode();
        body.putArray("MetricAlarms").addAll(alarms.values());
        return body;
    }

    /** DescribeAlarmsForMetric's parameters; the optional ones are null when not given. */
    record AlarmedMetric(String namespace, String metricName, Map<String, String> dimensions, String statistic,
                         String extendedStatistic, Integer period, String unit) {

        boolean matches(final MetricAlarmDefinition alarm) {
            return namespace.equals(alarm.namespace()) && metricName.equals(alarm.metricName())
                && dimensions.equals(alarm.dimensions() == null ? Map.of() : Map.copyOf(alarm.dimensions()))
                && (statistic == null || statistic.equals(alarm.statistic()))
                && (extendedStatistic == null || extendedStatistic.equals(alarm.extendedStatistic()))
                && (period == null || period == alarm.period())
                && (unit == null || unit.equals(alarm.unit()));
        }
    }

    /**
     * DeleteAlarms, all or nothing for what makes the request invalid: at most {@value #MAX_NAMES} names, at most one
     * composite alarm, and no alarm still named in the AlarmRule of a composite that stays (delete the composite in
     * the same call or first, or change its rule). As in CloudWatch, the alarms that exist are deleted even when some
     * names are unknown, which are then answered as not found.
     */
    void delete(final Collection<String> names) {
        checkCount(names);
        final Map<String, DefinitionKind> found = new LinkedHashMap<>();
        final List<String> unknown = new ArrayList<>();
        for (final String name : names) {
            definitions.alarmKind(name).ifPresentOrElse(kind -> found.put(name, kind), () -> unknown.add(name));
        }
        final List<String> composites = found.entrySet().stream()
            .filter(entry -> entry.getValue() == DefinitionKind.COMPOSITE_ALARM).map(Map.Entry::getKey).toList();
        if (composites.size() > 1) {
            throw new ApiErrors.BadRequest("AlarmNames", "can include at most one composite alarm, included "
                + String.join(", ", composites));
        }
        for (final String name : found.keySet()) {
            final List<String> parents = parentsOf(name).stream().filter(parent -> !found.containsKey(parent))
                .toList();
            if (!parents.isEmpty()) {
                throw new ApiErrors.BadRequest("AlarmNames", "alarm '" + name + "' is in the AlarmRule of composite "
                    + "alarm(s) " + String.join(", ", parents) + "; delete them or change their rule first");
            }
        }
        // The composite first: its rule never names a deleted alarm.
        composites.forEach(name -> writes.delete(DefinitionKind.COMPOSITE_ALARM, name));
        found.forEach((name, kind) -> {
            if (kind == DefinitionKind.METRIC_ALARM) {
                writes.delete(kind, name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new ApiErrors.NotFound(unknown.size() == 1 ? "alarm '" + unknown.get(0) + "' does not exist"
                : unknown.size() + " of " + names.size() + " alarms do not exist: " + String.join(", ", unknown));
        }
    }

    /**
     * EnableAlarmActions or DisableAlarmActions: each named alarm's definition written again with ActionsEnabled
     * changed (through the same validation as a put). Names of no alarm are skipped, as CloudWatch does.
     */
    void setActionsEnabled(final Collection<String> names, final boolean enabled) {
        checkCount(names);
        for (final String name : names) {
            final Optional<DefinitionKind> kind = definitions.alarmKind(name);
            if (kind.isEmpty()) {
                continue;
            }
            definitions.stored(kind.get(), name)
                .filter(stored -> stored.path("ActionsEnabled").asBoolean(true) != enabled)
                .ifPresent(stored -> writes.put(DefinitionTypes.of(kind.get()).request(stored.put("ActionsEnabled",
                    enabled))));
        }
    }

    private static void checkCount(final Collection<String> names) {
        if (names.isEmpty() || names.size() > MAX_NAMES) {
            throw new ApiErrors.BadRequest("AlarmNames", "must name 1 to " + MAX_NAMES + " alarms, named "
                + names.size());
        }
    }

    /**
     * SetAlarmState; the request is checked before the alarm is looked up, as AWS validates first.
     *
     * @param reasonData StateReasonData: JSON text, or null
     */
    void setState(final String name, final String stateValue, final String reason, final String reasonData) {
        if (stateValue == null) {
            throw new ApiErrors.BadRequest("StateValue", "is required");
        }
        if (reasonData != null && RequestBodies.parse("StateReasonData", reasonData).isMissingNode()) {
            throw new ApiErrors.BadRequest("StateReasonData", "must be JSON text, was empty");
        }
        if (definitions.alarmKind(name).isEmpty()) {
            throw new ApiErrors.NotFound("alarm '" + name + "' does not exist");
        }
        final AlarmCommand command = AlarmCommands.setState(name, stateValue, reason, reasonData, Instant.now());
        final Optional<String> problem = AlarmCommands.problem(command);
        if (problem.isPresent()) {
            final String[] fieldAndReason = problem.get().split(": ", 2);
            throw new ApiErrors.BadRequest(fieldAndReason[0], fieldAndReason[1]);
        }
        writes.send(command);
    }
}
