package io.trailwatch.bench;

import io.trailwatch.avro.AuditEvent;
import io.trailwatch.avro.UserIdentity;
import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.config.DefinitionKind;
import io.trailwatch.processors.definitions.Packs;
import io.trailwatch.processors.filter.MetricFilterDefinition;
import io.trailwatch.processors.rules.RuleDefinition;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The filters benchmark's workload: audit events over 40 services and 2,000 API names, 100 metric filters (the 14 of
 * the CIS pack and 86 JSON patterns of the usual kinds: an API call of a service with a dimension, error codes of
 * a service, alternatives of API names, a user or an address) and 100 event rules (exact, prefix, exists,
 * anything-but), so that a few percent of the events match a filter or a rule, as on a real trail.
 */
final class FilterWorkload {

    static final int SERVICES = 40;
    static final int OPERATIONS = 2000;
    static final String TARGET_TOPIC = "bench.rule-matches";

    private FilterWorkload() {
    }

    static List<DefinitionEntry> definitions(final int filters, final int rules) throws IOException {
        final List<DefinitionEntry> entries = new ArrayList<>();
        Packs.load("cis").stream().filter(entry -> entry.kind() == DefinitionKind.METRIC_FILTER).limit(filters)
            .forEach(entries::add);
        for (int i = entries.size(); i < filters; i++) {
            entries.add(MetricFilterDefinition.TYPE.entry(filter(i)));
        }
        for (int i = 0; i < rules; i++) {
            entries.add(RuleDefinition.TYPE.entry(rule(i)));
        }
        return entries;
    }

    private static String filter(final int i) {
        final String pattern = switch (i % 4) {
            case 0 -> "{ $.eventSource = \\\"" + service(i) + "\\\" && $.eventName = \\\"" + operation(i) + "\\\" }";
            case 1 -> "{ $.errorCode = \\\"Throttl*\\\" && $.eventSource = \\\"" + service(i) + "\\\" }";
            case 2 -> "{ $.eventName = \\\"" + operation(i) + "\\\" || $.eventName = \\\"" + operation(i + 200)
                + "\\\" }";
            default -> "{ $.userIdentity.userName = \\\"user-" + i + "\\\" || $.sourceIPAddress = \\\"192.0.2." + i
                + "\\\" }";
        };
        final String dimensions = i % 4 == 0 ? ", \"dimensions\": {\"Region\": \"$.awsRegion\"}" : "";
        return """
            {"filterName": "bench-%d", "filterPattern": "%s", "metricTransformations": [{"metricName": "Bench%d",
             "metricNamespace": "Bench", "metricValue": "1", "unit": "Count"%s}]}""".formatted(i, pattern, i, dimensions);
    }

    private static String rule(final int i) {
        final String pattern = switch (i % 4) {
            case 0 -> "{\"source\": [\"aws." + serviceName(i) + "\"], \"detail\": {\"eventName\": [\"" + operation(i) + "\"]}}";
            case 1 -> "{\"detail\": {\"eventName\": [{\"prefix\": \"Delete" + i + "R\"}]}}";
            case 2 -> "{\"detail-type\": [\"AWS API Call via CloudTrail\"], \"detail\": {\"eventSource\": [\""
                + service(i) + "\"], \"errorCode\": [{\"exists\": true}], \"userIdentity\": {\"type\": "
                + "[{\"anything-but\": [\"AWSService\"]}]}}}";
            default -> "{\"region\": [\"us-east-1\"], \"detail\": {\"userIdentity\": {\"userName\": [\"user-" + i
                + "\"]}}}";
        };
        return "{\"name\": \"bench-rule-" + i + "\", \"targetTopic\": \"" + TARGET_TOPIC + "\", \"eventPattern\": "
            + com.fasterxml.jackson.databind.node.TextNode.valueOf(pattern) + "}";
    }

    /** Distinct events to cycle through: different services, names, users and outcomes. */
    static List<AuditEvent> events(final int count, final Instant time) {
        final Random random = new Random(42);
        final List<AuditEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            final int op = random.nextInt(OPERATIONS);
            final boolean error = random.nextInt(100) == 0;
            events.add(AuditEvent.newBuilder()
                .setEventVersion("1.11")
                .setEventID("00000000-0000-0000-0000-" + String.format("%012d", i))
                .setEventTime(time)
                .setEventSource(service(op))
                .setEventName(operation(op))
                .setAwsRegion(random.nextBoolean() ? "eu-west-1" : "us-east-1")
                .setSourceIPAddress("198.51.100." + random.nextInt(256))
                .setUserAgent("aws-cli/2.15.0 md/Botocore#1.34.0")
                .setUserIdentity(UserIdentity.newBuilder().setType("IAMUser").setUserName("user-" + random.nextInt(5000))
                    .setAccountId("123456789012").setArn("arn:aws:iam::123456789012:user/user-" + op)
                    .setPrincipalId("AIDACKCEVSQ6C2EXAMPLE").build())
                .setRequestParameters("{\"bucketName\":\"bucket-" + op + "\",\"maxKeys\":" + op + "}")
                .setResponseElements(null)
                .setErrorCode(error ? "ThrottlingException" : null)
                .setErrorMessage(error ? "Rate exceeded" : null)
                .setReadOnly(op % 3 == 0)
                .setRecipientAccountId("123456789012")
                .setEventType("AwsApiCall")
                .setEventCategory("Management")
                .setManagementEvent(true)
                .build());
        }
        return events;
    }

    private static String serviceName(final int i) {
        return "svc" + i % SERVICES;
    }

    private static String service(final int i) {
        return serviceName(i) + ".amazonaws.com";
    }

    private static String operation(final int i) {
        return (i % 5 == 0 ? "Delete" : "Get") + i + "Resource";
    }
}
