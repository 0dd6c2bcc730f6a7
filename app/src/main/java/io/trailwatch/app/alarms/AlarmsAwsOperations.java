package io.trailwatch.app.alarms;

import static io.trailwatch.identity.AwsService.CLOUDWATCH;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.app.aws.AwsApis;
import io.trailwatch.app.aws.AwsOperations;
import io.trailwatch.app.http.ApiErrors;
import io.trailwatch.aws.AwsError;
import io.trailwatch.aws.AwsInput;
import io.trailwatch.aws.AwsOperation;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.config.Definitions;
import io.trailwatch.schemas.AlarmArns;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * CloudWatch's alarm and alarm mute rule operations in AWS's protocols, answered by the {@link AlarmService},
 * {@link AlarmHistoryReader} and {@link AlarmMuteRules} the {@code /v1} routes call. Where CloudWatch's model has an
 * error of its own for a parameter (InvalidNextToken, InvalidFormat for StateReasonData, ResourceNotFoundException
 * for mute rules), the service's refusal is answered with it.
 */
final class AlarmsAwsOperations implements AwsOperations {

    private static final String ALARM = "AWS::CloudWatch::Alarm";
    private static final String MUTE_RULE = "AWS::CloudWatch::AlarmMuteRule";

    private final AlarmService alarms;
    private final AlarmHistoryReader history;
    private final AlarmMuteRules muteRules;

    AlarmsAwsOperations(final AlarmService alarms, final AlarmHistoryReader history, final AlarmMuteRules muteRules) {
        this.alarms = alarms;
        this.history = history;
        this.muteRules = muteRules;
    }

    @Override
    public void addTo(final AwsApis apis) {
        apis.cloudWatch()
            .operation(CLOUDWATCH.write("PutMetricAlarm"), named("AlarmName", ALARM, AlarmArns::of), input -> {
                alarms.put(DefinitionKind.METRIC_ALARM, input);
                return null;
            })
            .operation(CLOUDWATCH.write("PutCompositeAlarm"), named("AlarmName", ALARM, AlarmArns::of), input -> {
                alarms.put(DefinitionKind.COMPOSITE_ALARM, input);
                return null;
            })
            .operation(CLOUDWATCH.read("DescribeAlarms"),
                input -> alarms.describe(DescribeAlarmsRequest.of(AwsInput.of(input))))
            .operation(CLOUDWATCH.read("DescribeAlarmsForMetric"), this::describeAlarmsForMetric)
            // As AWS, each alarm DeleteAlarms, EnableAlarmActions and DisableAlarmActions name is authorized.
            .operation(CLOUDWATCH.write("DeleteAlarms"), allAlarms(), input -> {
                alarms.delete(alarmNames(input));
                return null;
            })
            .operation(CLOUDWATCH.write("EnableAlarmActions"), allAlarms(), input -> {
                alarms.setActionsEnabled(alarmNames(input), true);
                return null;
            })
            .operation(CLOUDWATCH.write("DisableAlarmActions"), allAlarms(), input -> {
                alarms.setActionsEnabled(alarmNames(input), false);
                return null;
            })
            .operation(CLOUDWATCH.write("SetAlarmState"), named("AlarmName", ALARM, AlarmArns::of),
                input -> {
                    final AwsInput request = AwsInput.of(input);
                    alarms.setState(request.requiredText("AlarmName"), request.requiredText("StateValue"),
                        request.requiredText("StateReason"), request.text("StateReasonData").orElse(null));
                    return null;
                })
            .operation(CLOUDWATCH.read("DescribeAlarmHistory"), named("AlarmName", ALARM, AlarmArns::of),
                this::describeAlarmHistory)
            .operation(CLOUDWATCH.write("PutAlarmMuteRule"), named("Name", MUTE_RULE, AlarmArns::ofMuteRule),
                input -> {
                    muteRules.put(input);
                    return null;
                })
            .operation(CLOUDWATCH.read("GetAlarmMuteRule"),
                named("AlarmMuteRuleName", MUTE_RULE, AlarmArns::ofMuteRule), this::getAlarmMuteRule)
            .operation(CLOUDWATCH.read("ListAlarmMuteRules"), this::listAlarmMuteRules)
            // Idempotent in CloudWatch: deleting a rule that does not exist succeeds.
            .operation(CLOUDWATCH.write("DeleteAlarmMuteRule"),
                named("AlarmMuteRuleName", MUTE_RULE, AlarmArns::ofMuteRule), input -> {
                    muteRules.delete(AwsInput.of(input).requiredText("AlarmMuteRuleName"));
                    return null;
                });
    }

    /** The required AlarmNames of DeleteAlarms, EnableAlarmActions and DisableAlarmActions. */
    private static List<String> alarmNames(final ObjectNode request) {
        final AwsInput input = AwsInput.of(request);
        if (!input.has("AlarmNames")) {
            throw new InvalidRecordException("AlarmNames", "is required");
        }
        return input.texts("AlarmNames");
    }

    private JsonNode describeAlarmsForMetric(final ObjectNode request) {
        final AwsInput input = AwsInput.of(request);
        return alarms.describeForMetric(new AlarmService.AlarmedMetric(input.requiredText("Namespace"),
            input.requiredText("MetricName"), input.dimensions("Dimensions", false),
            input.text("Statistic").orElse(null), input.text("ExtendedStatistic").orElse(null),
            input.integer("Period").orElse(null), input.text("Unit").orElse(null)));
    }

    /**
     * History is kept per alarm, so AlarmName is required here (CloudWatch also answers it for all alarms). The
     * input is passed on as the query parameters of {@code /v1/alarms/{name}/history}, the form in which the
     * reader forwards a request to the instance that holds the alarm's history.
     */
    private JsonNode describeAlarmHistory(final ObjectNode request) {
        final AwsInput input = AwsInput.of(request);
        final String alarmName = input.text("AlarmName").orElse(null);
        if (input.has("AlarmContributorId")) {
            throw new ApiErrors.BadRequest("AlarmContributorId", "is not supported: Trailwatch's alarms have no "
                + "contributors");
        }
        final Map<String, List<String>> params = new LinkedHashMap<>();
        final List<String> alarmTypes = input.texts("AlarmTypes");
        if (!alarmTypes.isEmpty()) {
            params.put("AlarmTypes", alarmTypes);
        }
        for (final String member : List.of("HistoryItemType", "StartDate", "EndDate", "ScanBy",
            DescribeAlarmsRequest.NEXT_TOKEN)) {
            input.text(member).ifPresent(value -> params.put(member, List.of(value)));
        }
        input.integer("MaxRecords").ifPresent(max -> params.put("MaxRecords", List.of(max.toString())));
        return Definitions.tree(history.describe(alarmName, params));
    }

    private JsonNode getAlarmMuteRule(final ObjectNode request) {
        final String name = AwsInput.of(request).requiredText("AlarmMuteRuleName");
        try {
            return muteRules.get(name);
        } catch (final ApiErrors.NotFound e) {
            // The mute rule operations' not-found error is ResourceNotFoundException, the alarms' ResourceNotFound.
            throw AwsError.of("ResourceNotFoundException", 404, e.getMessage());
        }
    }

    private JsonNode listAlarmMuteRules(final ObjectNode request) {
        final AwsInput input = AwsInput.of(request);
        return muteRules.list(AlarmMuteRules.Listing.of(input.text("AlarmName").orElse(null),
            input.texts("Statuses"), DescribeAlarmsRequest.maxRecords(input),
            input.text(DescribeAlarmsRequest.NEXT_TOKEN).orElse(null)));
    }

    /**
     * The resource a member names, found as the handler finds it (member names match ignoring case; the endpoint
     * refuses two that differ only in case); {@code *} when it is absent (the handler then refuses the call).
     */
    private static Function<ObjectNode, Optional<AwsOperation.Resource>> named(final String member,
                                                                               final String type,
                                                                               final Function<String, String> arn) {
        return input -> Optional.ofNullable(Definitions.field(input, member)).map(Map.Entry::getValue)
            .filter(JsonNode::isTextual)
            .map(name -> new AwsOperation.Resource(arn.apply(name.asText()), type));
    }

    /** Every alarm the call names: each is authorized, as AWS authorizes DeleteAlarms on each alarm. */
    private static Function<ObjectNode, Optional<AwsOperation.Resource>> allAlarms() {
        return input -> {
            final JsonNode names = Optional.ofNullable(Definitions.field(input, "AlarmNames"))
                .map(Map.Entry::getValue).orElse(null);
            if (names == null || !names.isArray() || names.isEmpty()) {
                return Optional.empty();
            }
            final java.util.List<String> arns = new java.util.ArrayList<>();
            names.forEach(name -> arns.add(AlarmArns.of(name.asText())));
            return Optional.of(new AwsOperation.Resource(arns, ALARM));
        };
    }
}
