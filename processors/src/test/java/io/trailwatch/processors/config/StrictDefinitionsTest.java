package io.trailwatch.processors.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailwatch.processors.alarm.CompositeAlarmDefinition;
import io.trailwatch.processors.alarm.MetricAlarmDefinition;
import io.trailwatch.processors.alarm.mute.AlarmMuteRuleDefinition;
import io.trailwatch.processors.definitions.ConfigFile;
import io.trailwatch.processors.definitions.DefinitionTypes;
import io.trailwatch.processors.definitions.Packs;
import io.trailwatch.processors.filter.MetricFilterDefinition;
import io.trailwatch.processors.filter.MetricTransformation;
import io.trailwatch.processors.logs.LogGroupDefinition;
import io.trailwatch.processors.logs.LogStreamDefinition;
import io.trailwatch.processors.logs.subscription.SubscriptionFilterDefinition;
import io.trailwatch.processors.notify.NotificationTopicDefinition;
import io.trailwatch.processors.notify.SubscriptionDefinition;
import io.trailwatch.processors.rules.RuleDefinition;
import io.trailwatch.processors.rules.destinations.ApiDestinationDefinition;
import io.trailwatch.processors.rules.destinations.ConnectionDefinition;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Definitions are read without coercion, from every edge (API requests, config files, the config topic): wrong JSON
 * types, unknown fields, null for a number, numbers CloudWatch would not take, duplicate keys and trailing text are
 * rejected naming the field; what the shipped files, the CLI and the config topic hold is still accepted.
 */
class StrictDefinitionsTest {

    private static final String ALARM = """
        {"AlarmName": "CpuHigh", "Namespace": "App", "MetricName": "CPUUtilization", "Statistic": "Average",
         "Period": 60, "EvaluationPeriods": 5, "DatapointsToAlarm": 3, "Threshold": 80,
         "ComparisonOperator": "GreaterThanThreshold", "TreatMissingData": "notBreaching", "ActionsEnabled": true,
         "Dimensions": [{"Name": "InstanceId", "Value": "i-1"}], "OKActions": ["arn:aws:sns:us-east-1:1:ok"]}""";
    private static final String FILTER = """
        {"filterName": "Errors", "logGroupName": "app", "filterPattern": "ERROR",
         "metricTransformations": [{"metricName": "Errors", "metricNamespace": "App", "metricValue": "1",
                                    "defaultValue": 0, "unit": "Count"}]}""";
    private static final String COMPOSITE = """
        {"AlarmName": "ServiceDown", "AlarmRule": "ALARM(CpuHigh)", "ActionsEnabled": false}""";
    private static final String RULE = """
        {"Name": "Root", "EventPattern": {"detail": {"userIdentity": {"type": ["Root"]}}}, "TargetTopic": "t",
         "State": "ENABLED"}""";
    private static final String LOG_GROUP = """
        {"logGroupName": "/app/web", "creationTime": 1767225600000, "retentionInDays": 30}""";
    private static final String LOG_STREAM = """
        {"logGroupName": "/app/web", "logStreamName": "i-1/web", "creationTime": 1767225600000}""";
    private static final String TOPIC = """
        {"name": "db-oncall", "creationTime": 1767225600000, "displayName": "DB"}""";
    private static final String SUBSCRIPTION = """
        {"topicName": "db-oncall", "id": "0f8fad5b-d9cb-469f-a165-70867728950e", "protocol": "https",
         "endpoint": "https://hooks.example.com/db", "creationTime": 1767225600000, "pendingConfirmation": true,
         "confirmationToken": "5f1e"}""";
    private static final String CONNECTION = """
        {"name": "pager", "authorizationType": "API_KEY", "apiKey": {"apiKeyName": "x-api-key",
         "apiKeyValue": "k"}, "creationTime": 1767225600000}""";
    private static final String API_DESTINATION = """
        {"name": "pager", "connectionName": "pager", "invocationEndpoint": "https://pager.example.com/v1",
         "httpMethod": "POST", "invocationRateLimitPerSecond": 10, "creationTime": 1767225600000}""";
    private static final String SUBSCRIPTION_FILTER = """
        {"logGroupName": "/app/web", "filterName": "errors", "filterPattern": "ERROR",
         "destinationArn": "arn:aws:kafka:us-east-1:000000000000:topic/trailwatch/app-errors",
         "destinationTopic": "app-errors", "distribution": "ByLogStream", "creationTime": 1767225600000}""";
    private static final String MUTE_RULE = """
        {"Name": "Nightly", "Rule": {"Schedule": {"Expression": "cron(0 2 * * *)", "Duration": "PT2H",
         "Timezone": "Europe/Paris"}}, "MuteTargets": {"AlarmNames": ["CpuHigh"]}, "StartDate": "2026-01-01"}""";

    private static ObjectNode json(final String text) {
        return (ObjectNode) Definitions.tree(text);
    }

    /** The base definition with one field set to the given JSON value. */
    private static ObjectNode with(final String base, final String field, final String value) {
        final ObjectNode node = json(base);
        node.set(field, Definitions.tree(value));
        return node;
    }

    private static InvalidRecordException rejected(final DefinitionKind kind, final JsonNode request) {
        final InvalidRecordException e = catchThrowableOfType(InvalidRecordException.class,
            () -> DefinitionTypes.of(kind).request(request));
        assertThat(e).as("%s should be rejected", request).isNotNull();
        return e;
    }

    @Test
    void theValidDefinitionsAreAccepted() {
        assertThat(MetricAlarmDefinition.TYPE.request(json(ALARM)).name()).isEqualTo("CpuHigh");
        assertThat(MetricFilterDefinition.TYPE.request(json(FILTER)).name()).isEqualTo("Errors");
        assertThat(CompositeAlarmDefinition.TYPE.request(json(COMPOSITE)).name()).isEqualTo("ServiceDown");
        assertThat(RuleDefinition.TYPE.request(json(RULE)).name()).isEqualTo("Root");
        assertThat(AlarmMuteRuleDefinition.TYPE.request(json(MUTE_RULE)).name()).isEqualTo("Nightly");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
        MetricName              | 123                    | must be a string, was the number 123
        AlarmName               | true                   | must be a string, was a boolean
        Namespace               | ["App"]                | must be a string, was a list
        Statistic               | {"a": 1}               | must be a string, was an object
        ComparisonOperator      | 1                      | must be a string
        Period                  | "60"                   | must be an integer, was a string
        EvaluationPeriods       | 1.5                    | must be an integer, was the number 1.5
        EvaluationPeriods       | 1.0                    | must be an integer, was the number 1.0
        EvaluationPeriods       | 1e1                    | must be an integer
        DatapointsToAlarm       | 99999999999            | must be an integer from -2147483648 to 2147483647
        Period                  | null                   | must be an integer, was null
        Threshold               | null                   | must be a number, was null
        Threshold               | "80"                   | must be a number, was a string
        Threshold               | "NaN"                  | must be a number, was a string
        Threshold               | "Infinity"             | must be a number, was a string
        ActionsEnabled          | "true"                 | must be a boolean (true or false), was a string
        ActionsEnabled          | 1                      | must be a boolean
        ActionsEnabled          | null                   | must be a boolean
        AlarmActions            | "arn:aws:sns:x:1:a"    | must be a list (a JSON array) of strings, was a string
        OKActions               | [1]                    | must be a string, was the number 1
        Dimensions              | "InstanceId=i-1"       | must be a list or an object, was a string
        Dimensions              | {"InstanceId": 1}      | must be a string, was the number 1
        """)
    void aMetricAlarmFieldOfAnotherJsonTypeIsRejectedNotCoerced(final String field, final String value,
                                                                final String reason) {
        final InvalidRecordException e = rejected(DefinitionKind.METRIC_ALARM, with(ALARM, field, value));

        assertThat(e.field()).startsWith(field);
        assertThat(e.reason()).contains(reason);
    }

    @Test
    void aDimensionListIsCheckedMemberByMember() {
        assertThat(rejected(DefinitionKind.METRIC_ALARM, with(ALARM, "Dimensions",
            "[{\"Name\": \"Host\", \"Value\": 7}]")).field()).isEqualTo("Dimensions[0].Value");
        assertThat(rejected(DefinitionKind.METRIC_ALARM, with(ALARM, "Dimensions",
            "[{\"Name\": \"Host\", \"Value\": \"a\", \"Unit\": \"x\"}]")).field()).isEqualTo("Dimensions[0].Unit");
        assertThat(rejected(DefinitionKind.METRIC_ALARM, with(ALARM, "Dimensions",
            "[{\"Name\": \"Host\", \"Value\": \"a\"}, {\"Name\": \"Host\", \"Value\": \"b\"}]")).reason())
            .contains("'Host' is given twice");
    }

    @Test
    void aRequiredThresholdMayNotBeNullAndAnAbsentOneIsStillRequired() {
        final ObjectNode absent = json(ALARM);
        absent.remove("Threshold");

        assertThat(rejected(DefinitionKind.METRIC_ALARM, absent).field()).isEqualTo("Threshold");
        assertThat(rejected(DefinitionKind.METRIC_ALARM, with(ALARM, "Threshold", "null")).field())
            .isEqualTo("Threshold");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        1e400                   | must be a finite number
        -1e400                  | must be a finite number
        3e108                   | must be within -2^360 to 2^360
        -3e108                  | must be within -2^360 to 2^360
        1e-200                  | magnitude of at least 2^-360
        """)
    void aThresholdCloudWatchWouldNotTakeIsRejected(final String threshold, final String reason) {
        final InvalidRecordException e = rejected(DefinitionKind.METRIC_ALARM, with(ALARM, "Threshold", threshold));

        assertThat(e.field()).isEqualTo("Threshold");
        assertThat(e.reason()).contains(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0.0", "2e108", "-2e108", "1e-100", "80.5", "-3"})
    void thresholdsWithinCloudWatchsRangeAreAccepted(final String threshold) {
        assertThatCode(() -> MetricAlarmDefinition.TYPE.request(with(ALARM, "Threshold", threshold)))
            .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "metricValue {0}")
    @CsvSource(delimiter = '|', textBlock = """
        NaN                     | must be a decimal number
        Infinity                | must be a decimal number
        -Infinity               | must be a decimal number
        0x10                    | must be a decimal number
        1d                      | must be a decimal number
        ' 1'                    | must be a decimal number
        1e400                   | must be a finite number
        3e108                   | must be within -2^360 to 2^360
        1e-200                  | magnitude of at least 2^-360
        """)
    void aMetricValueCloudWatchWouldNotTakeIsRejected(final String value, final String reason) {
        final ObjectNode filter = json(FILTER);
        ((ObjectNode) filter.get("metricTransformations").get(0)).put("metricValue", value);

        final InvalidRecordException e = rejected(DefinitionKind.METRIC_FILTER, filter);

        assertThat(e.field()).isEqualTo("MetricTransformations[0].MetricValue");
        assertThat(e.reason()).contains(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "-2.5", "0", "+3", "1e3", ".5", "$.bytes", "$size"})
    void metricValuesCloudWatchTakesAreAccepted(final String value) {
        final ObjectNode filter = json(FILTER);
        ((ObjectNode) filter.get("metricTransformations").get(0)).put("metricValue", value);

        assertThatCode(() -> MetricFilterDefinition.TYPE.request(filter)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
        defaultValue            | 1e400                  | DefaultValue      | must be a finite number
        defaultValue            | 3e108                  | DefaultValue      | must be within -2^360 to 2^360
        defaultValue            | 1e-300                 | DefaultValue      | magnitude of at least 2^-360
        defaultValue            | "0"                    | defaultValue      | must be a number, was a string
        defaultValue            | "NaN"                  | defaultValue      | must be a number, was a string
        metricValue             | 1                      | metricValue       | must be a string, was the number 1
        metricName              | 5                      | metricName        | must be a string
        dimensions              | {"Host": 1}            | dimensions.Host   | must be a string
        dimensions              | ["$.host"]             | dimensions        | must be an object of names to strings
        unit                    | null                   | -                 | -
        color                   | "red"                  | color             | is not a field of a metric transformation
        """)
    void aMetricTransformationIsReadStrictly(final String field, final String value, final String reported,
                                             final String reason) {
        final ObjectNode filter = json(FILTER);
        final ObjectNode transformation = (ObjectNode) filter.get("metricTransformations").get(0);
        transformation.set(field, Definitions.tree(value));
        if ("-".equals(reported)) {
            assertThatCode(() -> MetricFilterDefinition.TYPE.request(filter)).doesNotThrowAnyException();
            return;
        }

        final InvalidRecordException e = rejected(DefinitionKind.METRIC_FILTER, filter);

        assertThat(e.field()).isEqualToIgnoringCase("metricTransformations[0]." + reported);
        assertThat(e.reason()).contains(reason);
    }

    @Test
    void aListFieldMustBeAnArray() {
        assertThat(rejected(DefinitionKind.METRIC_FILTER, with(FILTER, "metricTransformations",
            "{\"metricName\": \"m\", \"metricNamespace\": \"n\", \"metricValue\": \"1\"}")).field())
            .isEqualTo("metricTransformations");
        assertThat(rejected(DefinitionKind.ALARM_MUTE_RULE, json(MUTE_RULE.replace("[\"CpuHigh\"]", "\"CpuHigh\"")))
            .field()).isEqualTo("MuteTargets.AlarmNames");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        METRIC_ALARM     | Metrics                    | [{"Id": "m1"}]
        METRIC_ALARM     | AlarmRule                  | "ALARM(x)"
        COMPOSITE_ALARM  | MetricName                 | "CPUUtilization"
        COMPOSITE_ALARM  | Threshold                  | 1
        METRIC_FILTER    | applyOnTransformedLogs     | true
        RULE             | RoleArn                    | "r"
        RULE             | RetryPolicy                | {}
        ALARM_MUTE_RULE  | Tags                       | []
        LOG_GROUP        | kmsKeyId                   | "k"
        LOG_STREAM       | uploadSequenceToken        | "1"
        NOTIFICATION_TOPIC | Policy                   | "{}"
        SUBSCRIPTION     | RawMessageDelivery         | "true"
        CONNECTION       | SecretArn                  | "s"
        API_DESTINATION  | ApiDestinationState        | "ACTIVE"
        SUBSCRIPTION_FILTER | roleArn                 | "r"
        """)
    void anUnknownFieldIsRejectedNamingIt(final DefinitionKind kind, final String field, final String value) {
        final String base = switch (kind) {
            case METRIC_ALARM -> ALARM;
            case COMPOSITE_ALARM -> COMPOSITE;
            case METRIC_FILTER -> FILTER;
            case RULE -> RULE;
            case ALARM_MUTE_RULE -> MUTE_RULE;
            case LOG_GROUP -> LOG_GROUP;
            case LOG_STREAM -> LOG_STREAM;
            case NOTIFICATION_TOPIC -> TOPIC;
            case SUBSCRIPTION -> SUBSCRIPTION;
            case CONNECTION -> CONNECTION;
            case API_DESTINATION -> API_DESTINATION;
            case SUBSCRIPTION_FILTER -> SUBSCRIPTION_FILTER;
        };

        final InvalidRecordException e = rejected(kind, with(base, field, value));

        assertThat(e.field()).isEqualTo(field);
        assertThat(e.reason()).contains("is not a field of");
    }

    @Test
    void nestedUnknownFieldsAreRejectedWithTheirPath() {
        assertThat(rejected(DefinitionKind.ALARM_MUTE_RULE, json(MUTE_RULE.replace("\"Timezone\"", "\"TimeZoneId\"")))
            .field()).isEqualTo("Rule.Schedule.TimeZoneId");
        assertThat(rejected(DefinitionKind.ALARM_MUTE_RULE, json(MUTE_RULE.replace("\"AlarmNames\"", "\"Alarms\"")))
            .field()).isEqualTo("MuteTargets.Alarms");
    }

    @Test
    void aFieldGivenTwiceInDifferentCasesIsRejected() {
        final InvalidRecordException e = rejected(DefinitionKind.METRIC_ALARM, with(ALARM, "threshold", "2"));

        assertThat(e.field()).isEqualTo("threshold");
        assertThat(e.reason()).contains("given twice", "'Threshold'", "'threshold'");
    }

    @Test
    void ruleAndMuteRuleFieldsAreReadStrictly() {
        assertThat(rejected(DefinitionKind.RULE, with(RULE, "EventPattern", "123")).reason())
            .contains("must be a string or an object");
        assertThat(rejected(DefinitionKind.RULE, with(RULE, "State", "1")).field()).isEqualTo("State");
        // A string that looks like a number is not read as the enum constant at that position.
        assertThat(rejected(DefinitionKind.RULE, with(RULE, "State", "\"1\"")).field()).isEqualTo("State");
        assertThat(rejected(DefinitionKind.RULE, with(RULE, "TargetTopic", "42")).field()).isEqualTo("TargetTopic");
        assertThat(rejected(DefinitionKind.ALARM_MUTE_RULE, with(MUTE_RULE, "StartDate", "1767225600")).field())
            .isEqualTo("StartDate");
        assertThat(rejected(DefinitionKind.ALARM_MUTE_RULE, json(MUTE_RULE.replace("\"PT2H\"", "7200"))).field())
            .isEqualTo("Rule.Schedule.Duration");
        assertThat(rejected(DefinitionKind.COMPOSITE_ALARM, with(COMPOSITE, "AlarmRule", "true")).reason())
            .contains("must be a string, was a boolean", "quote");
        assertThat(rejected(DefinitionKind.COMPOSITE_ALARM, with(COMPOSITE, "ActionsEnabled", "\"false\"")).field())
            .isEqualTo("ActionsEnabled");
    }

    @Test
    void nullReadsAsAbsentWhereTheDefinitionCanHoldIt() {
        assertThat(MetricAlarmDefinition.TYPE.request(with(ALARM, "AlarmDescription", "null")).name())
            .isEqualTo("CpuHigh");
        assertThat(RuleDefinition.TYPE.request(with(RULE, "Description", "null")).name()).isEqualTo("Root");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"Name\": \"r\", \"Name\": \"s\"}",
        "{\"Name\": \"r\", \"EventPattern\": {\"source\": [\"a\"], \"source\": [\"b\"]}, \"TargetTopic\": \"t\"}",
        "{\"Name\": \"r\", \"EventPattern\": \"{}\", \"TargetTopic\": \"t\"} x",
        "{\"Name\": \"r\", \"EventPattern\": \"{}\", \"TargetTopic\": \"t\"}{}"})
    void definitionTextWithADuplicateKeyOrTrailingTextIsRejected(final String text) {
        final InvalidRecordException e = catchThrowableOfType(InvalidRecordException.class,
            () -> RuleDefinition.TYPE.entry(text));

        assertThat(e).isNotNull();
        assertThat(e.field()).isEqualTo("(definition)");
        assertThat(e.reason()).containsAnyOf("Duplicate field", "Trailing token", "Unrecognized token");
    }

    @Test
    void aConfigFileWithADuplicateKeyOrASecondDocumentIsRejected() {
        assertThat(catchThrowableOfType(Exception.class, () -> parse("""
            metricAlarms: []
            metricAlarms:
              - {alarmName: Lost}
            """))).hasMessageContaining("Duplicate field 'metricAlarms'");
        assertThat(catchThrowableOfType(Exception.class, () -> parse("""
            rules:
              - {name: R, eventPattern: {source: [a]}, targetTopic: t, targetTopic: u}
            """))).hasMessageContaining("Duplicate field 'targetTopic'");
        assertThat(catchThrowableOfType(Exception.class, () -> parse("""
            metricAlarms: []
            ---
            metricFilters: []
            """))).hasMessageContaining("Trailing token");
    }

    @Test
    void yamlIsHeldToTheSameTypesAndItsMessageSaysToQuote() {
        final InvalidRecordException e = catchThrowableOfType(InvalidRecordException.class, () -> parse("""
            metricFilters:
              - filterName: Errors
                filterPattern: ERROR
                metricTransformations:
                  - {metricName: Errors, metricNamespace: App, metricValue: 1}
            """));

        assertThat(e.field()).isEqualTo("metricFilters[0].metricTransformations[0].metricValue");
        assertThat(e.reason()).contains("must be a string, was the number 1", "quote");
    }

    @Test
    void theCisPackAndCamelCaseYamlWithNumbersAndBooleansAreAccepted() throws Exception {
        assertThat(Packs.load("cis")).hasSize(28);
        assertThat(parse("""
            metricAlarms:
              - alarmName: A
                namespace: N
                metricName: M
                statistic: Sum
                period: 60
                evaluationPeriods: 1
                datapointsToAlarm: 1
                threshold: 1
                comparisonOperator: GreaterThanOrEqualToThreshold
                treatMissingData: notBreaching
                actionsEnabled: false
                dimensions: [{name: Host, value: web-1}]
            compositeAlarms:
              - {alarmName: C, alarmRule: "ALARM(A)"}
            """)).hasSize(2);
    }

    /** The config topic holds what the edges wrote: every kind, read back, is accepted by the strict readers. */
    @Test
    void storedDefinitionsReadBackUnderTheStrictRules() {
        final String alarm = MetricAlarmDefinition.TYPE.request(json(ALARM)).definitionJson();
        final String filter = MetricFilterDefinition.TYPE.request(json(FILTER)).definitionJson();
        final String composite = CompositeAlarmDefinition.TYPE.request(json(COMPOSITE)).definitionJson();
        final String rule = RuleDefinition.TYPE.request(json(RULE)).definitionJson();
        final String mute = AlarmMuteRuleDefinition.TYPE.request(json(MUTE_RULE)).definitionJson();
        final String logGroup = LogGroupDefinition.TYPE.request(json(LOG_GROUP)).definitionJson();
        final String logStream = LogStreamDefinition.TYPE.request(json(LOG_STREAM)).definitionJson();
        final String topic = NotificationTopicDefinition.TYPE.request(json(TOPIC)).definitionJson();
        final String subscription = SubscriptionDefinition.TYPE.request(json(SUBSCRIPTION))
            .definitionJson();
        final String connection = ConnectionDefinition.TYPE.request(json(CONNECTION)).definitionJson();
        final String destination = ApiDestinationDefinition.TYPE.request(json(API_DESTINATION))
            .definitionJson();
        final String subscriptionFilter = SubscriptionFilterDefinition.TYPE.request(json(SUBSCRIPTION_FILTER))
            .definitionJson();

        assertThat(MetricAlarmDefinition.TYPE.fromJson(alarm).threshold()).isEqualTo(80.0);
        assertThat(MetricAlarmDefinition.TYPE.fromJson(alarm).dimensions())
            .isEqualTo(Map.of("InstanceId", "i-1"));
        assertThat(MetricFilterDefinition.TYPE.fromJson(filter).metricTransformations().get(0)
            .defaultValue()).isZero();
        assertThat(CompositeAlarmDefinition.TYPE.fromJson(composite).actionsEnabled()).isFalse();
        assertThat(RuleDefinition.TYPE.fromJson(rule).targetTopic()).isEqualTo("t");
        assertThat(AlarmMuteRuleDefinition.TYPE.fromJson(mute).startDate())
            .isEqualTo("2026-01-01T00:00:00Z");
        for (final DefinitionKind kind : DefinitionKind.values()) {
            final String stored = switch (kind) {
                case METRIC_ALARM -> alarm;
                case METRIC_FILTER -> filter;
                case COMPOSITE_ALARM -> composite;
                case RULE -> rule;
                case ALARM_MUTE_RULE -> mute;
                case LOG_GROUP -> logGroup;
                case LOG_STREAM -> logStream;
                case NOTIFICATION_TOPIC -> topic;
                case SUBSCRIPTION -> subscription;
                case CONNECTION -> connection;
                case API_DESTINATION -> destination;
                case SUBSCRIPTION_FILTER -> subscriptionFilter;
            };
            assertThat(DefinitionTypes.of(kind).entry(stored).definitionJson()).as(kind.id()).isEqualTo(stored);
        }
    }

    /** A field added to a definition record without its shape would be rejected everywhere: this says which. */
    @Test
    void everyShapeListsExactlyItsRecordsComponents() {
        assertFields(MetricAlarmDefinition.SHAPE, MetricAlarmDefinition.class);
        assertFields(CompositeAlarmDefinition.SHAPE, CompositeAlarmDefinition.class);
        assertFields(MetricFilterDefinition.SHAPE, MetricFilterDefinition.class);
        assertFields(LogGroupDefinition.SHAPE, LogGroupDefinition.class);
        assertFields(NotificationTopicDefinition.SHAPE, NotificationTopicDefinition.class);
        assertFields(SubscriptionDefinition.SHAPE, SubscriptionDefinition.class);
        assertFields(ConnectionDefinition.SHAPE, ConnectionDefinition.class);
        assertFields(ApiDestinationDefinition.SHAPE, ApiDestinationDefinition.class);
        assertFields(SubscriptionFilterDefinition.SHAPE, SubscriptionFilterDefinition.class);
        assertFields(LogStreamDefinition.SHAPE, LogStreamDefinition.class);
        assertFields(MetricTransformation.SHAPE, MetricTransformation.class);
        assertFields(RuleDefinition.SHAPE, RuleDefinition.class);
        assertFields(AlarmMuteRuleDefinition.SHAPE, AlarmMuteRuleDefinition.class);
    }

    private static void assertFields(final DefinitionShapes.Shape shape, final Class<? extends Record> type) {
        final TreeSet<String> fields = ((DefinitionShapes.ObjectShape) shape).fieldNames().stream()
            .map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new));
        final TreeSet<String> components = Arrays.stream(type.getRecordComponents())
            .map(component -> component.getName().toLowerCase(Locale.ROOT))
            .collect(Collectors.toCollection(TreeSet::new));
        assertThat(fields).as(type.getSimpleName()).isEqualTo(components);
    }

    private static List<DefinitionEntry> parse(final String yaml) throws Exception {
        return ConfigFile.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
    }
}
