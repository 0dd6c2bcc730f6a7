package io.trailwatch.app.alarms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.app.http.ApiRoutes;
import io.trailwatch.app.http.QueryString;
import io.trailwatch.app.http.RequestBodies;
import io.trailwatch.avro.AlarmCommand;
import io.trailwatch.processors.alarm.topology.AlarmCommands;
import io.trailwatch.processors.config.ConfigFile;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.DefinitionShapes;
import io.trailwatch.processors.config.Definitions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The alarm endpoints: PutMetricAlarm and PutCompositeAlarm ({@code PUT /v1/alarms/{name}}), DescribeAlarms
 * ({@code GET /v1/alarms}), DeleteAlarms ({@code DELETE /v1/alarms/{name}}), SetAlarmState
 * ({@code POST /v1/alarms/{name}/state}) and DescribeAlarmHistory ({@code GET /v1/alarms/{name}/history}), with
 * AWS's field names in bodies and query parameters.
 */
final class AlarmsApi implements ApiRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** SetAlarmState's body: these fields only (the alarm is named by the path), all strings. */
    static final DefinitionShapes.Shape SET_ALARM_STATE = DefinitionShapes.object("a SetAlarmState request",
        DefinitionShapes.optional("StateValue", DefinitionShapes.STRING),
        DefinitionShapes.optional("StateReason", DefinitionShapes.STRING),
        DefinitionShapes.optional("StateReasonData", DefinitionShapes.STRING));

    private final AlarmDefinitionsView definitions;
    private final AlarmStatesView states;
    private final AlarmHistoryReader history;
    private final AlarmWrites writes;

    AlarmsApi(final AlarmDefinitionsView definitions, final AlarmStatesView states, final AlarmHistoryReader history,
              final AlarmWrites writes) {
        this.definitions = definitions;
        this.states = states;
        this.history = history;
        this.writes = writes;
    }

    @Override
    public void register(final RoutesConfig routes) {
        routes.put("/v1/alarms/{name}", this::put);
        routes.get("/v1/alarms", this::describe);
        routes.delete("/v1/alarms/{name}", this::delete);
        routes.post("/v1/alarms/{name}/state", this::setState);
        routes.get("/v1/alarms/{name}/history", ctx -> json(ctx, history.describe(ctx, ctx.pathParam("name"))));
        routes.get(AlarmStatesView.INTERNAL_PATH, ctx -> {
            QueryString.allowOnly(ctx.queryParamMap(), Set.of());
            json(ctx, AlarmStatesView.write(states.local()));
        });
    }

    /** A metric alarm, or a composite one when the body has an AlarmRule. */
    private void put(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), Set.of());
        final String name = ctx.pathParam("name");
        final ObjectNode body = RequestBodies.withName(RequestBodies.object(ctx.body()), "AlarmName", name);
        final DefinitionKind kind = Definitions.field(body, "AlarmRule") != null
            ? DefinitionKind.COMPOSITE_ALARM : DefinitionKind.METRIC_ALARM;
        final ConfigFile.Entry entry = ConfigFile.request(kind, body);
        final Optional<DefinitionKind> existing = definitions.alarmKind(name);
        if (existing.isPresent() && existing.get() != kind) {
            throw new ApiErrors.BadRequest("AlarmName", "an alarm of the other type (" + typeOf(existing.get())
                + ") is named '" + name + "'; alarm names are unique across metric and composite alarms");
        }
        writes.put(entry);
        json(ctx, JSON.createObjectNode().put("AlarmName", name).put("AlarmType", typeOf(kind)).toString());
    }

    private void describe(final Context ctx) {
        final DescribeAlarmsRequest request = DescribeAlarmsRequest.of(ctx.queryParamMap());
        final Set<String> relatives = relatives(request);
        final Map<String, AlarmStateView> current = states.all();
        final TreeMap<String, ObjectNode> metric = new TreeMap<>();
        final TreeMap<String, ObjectNode> composite = new TreeMap<>();
        if (request.wants("MetricAlarm")) {
            for (final AlarmDefinitionsView.MetricAlarm alarm : definitions.metricAlarms()) {
                final String name = alarm.definition().alarmName();
                if (selected(request, relatives, name, current.get(name))) {
                    metric.put(name, AlarmDescriptions.metric(alarm, current.get(name)));
                }
            }
        }
        if (request.wants("CompositeAlarm")) {
            for (final AlarmDefinitionsView.CompositeAlarm alarm : definitions.compositeAlarms()) {
                final String name = alarm.definition().alarmName();
                if (selected(request, relatives, name, current.get(name))) {
                    composite.put(name, AlarmDescriptions.composite(alarm, current.get(name)));
                }
            }
        }
        final TreeMap<String, ObjectNode> all = new TreeMap<>(metric);
        all.putAll(composite);
        final List<String> page = all.keySet().stream()
            .filter(name -> request.after() == null || name.compareTo(request.after()) > 0)
            .limit(request.maxRecords() + 1L).toList();
        final ObjectNode body = JSON.createObjectNode();
        final ArrayNode metricItems = body.putArray("MetricAlarms");
        final ArrayNode compositeItems = body.putArray("CompositeAlarms");
        page.stream().limit(request.maxRecords()).forEach(name -> {
            if (metric.containsKey(name)) {
                metricItems.add(metric.get(name));
            } else {
                compositeItems.add(composite.get(name));
            }
        });
        if (page.size() > request.maxRecords()) {
            body.put("NextToken", DescribeAlarmsRequest.tokenAfter(page.get(request.maxRecords() - 1)));
        }
        json(ctx, body.toString());
    }

    /** The alarms ChildrenOfAlarmName or ParentsOfAlarmName select; null when neither is given. */
    private Set<String> relatives(final DescribeAlarmsRequest request) {
        if (request.childrenOf() != null) {
            return definitions.compositeAlarms().stream()
                .filter(alarm -> alarm.definition().alarmName().equals(request.childrenOf()))
                .findFirst().map(alarm -> alarm.rule().children()).orElse(Set.of());
        }
        if (request.parentsOf() != null) {
            return Set.copyOf(definitions.compositeAlarms().stream()
                .filter(alarm -> alarm.rule().children().contains(request.parentsOf()))
                .map(alarm -> alarm.definition().alarmName()).toList());
        }
        return null;
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
     * As DeleteAlarms: an alarm named in a composite's rule cannot be deleted before that composite (delete the
     * composite first, or change its rule).
     */
    private void delete(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), Set.of());
        final String name = ctx.pathParam("name");
        final DefinitionKind kind = definitions.alarmKind(name)
            .orElseThrow(() -> new ApiErrors.NotFound("alarm '" + name + "' does not exist"));
        final List<String> parents = definitions.compositeAlarms().stream()
            .filter(alarm -> !alarm.definition().alarmName().equals(name) && alarm.rule().children().contains(name))
            .map(alarm -> alarm.definition().alarmName()).sorted().toList();
        if (!parents.isEmpty()) {
            throw new ApiErrors.BadRequest("AlarmNames", "alarm '" + name + "' is in the AlarmRule of composite "
                + "alarm(s) " + String.join(", ", parents) + "; delete them or change their rule first");
        }
        writes.delete(kind, name);
        json(ctx, "{}");
    }

    /** SetAlarmState; the request is checked before the alarm is looked up, as AWS validates first. */
    private void setState(final Context ctx) {
        QueryString.allowOnly(ctx.queryParamMap(), Set.of());
        final String name = ctx.pathParam("name");
        final ObjectNode body = RequestBodies.object(ctx.body(), SET_ALARM_STATE);
        final String stateValue = RequestBodies.text(body, "StateValue");
        if (stateValue == null) {
            throw new ApiErrors.BadRequest("StateValue", "is required");
        }
        final String reasonData = RequestBodies.text(body, "StateReasonData");
        if (reasonData != null && RequestBodies.parse("StateReasonData", reasonData).isMissingNode()) {
            throw new ApiErrors.BadRequest("StateReasonData", "must be JSON text, was empty");
        }
        if (definitions.alarmKind(name).isEmpty()) {
            throw new ApiErrors.NotFound("alarm '" + name + "' does not exist");
        }
        final AlarmCommand command = AlarmCommands.setState(name, stateValue, RequestBodies.text(body, "StateReason"),
            reasonData, Instant.now());
        final Optional<String> problem = AlarmCommands.problem(command);
        if (problem.isPresent()) {
            final String[] fieldAndReason = problem.get().split(": ", 2);
            throw new ApiErrors.BadRequest(fieldAndReason[0], fieldAndReason[1]);
        }
        writes.send(command);
        json(ctx, "{}");
    }

    private static String typeOf(final DefinitionKind kind) {
        return kind == DefinitionKind.COMPOSITE_ALARM ? "CompositeAlarm" : "MetricAlarm";
    }

    private static void json(final Context ctx, final String body) {
        ctx.contentType("application/json").result(body);
    }
}
