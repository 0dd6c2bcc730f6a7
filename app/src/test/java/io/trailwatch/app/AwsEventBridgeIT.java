package io.trailwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.testkit.UniqueNames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.InvalidEventPatternException;
import software.amazon.awssdk.services.eventbridge.model.LimitExceededException;
import software.amazon.awssdk.services.eventbridge.model.ListRulesResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * EventBridge's rule, target and event operations through the AWS SDK for Java v2 (awsJson 1.1): what PutRule and
 * PutTargets make is what Describe and List say, and a custom event from PutEvents reaches the target topic of the
 * rule it matches; what EventBridge refuses is refused with its exception types and codes.
 */
@ResourceLock(value = SharedPipeline.LOCK, mode = ResourceAccessMode.READ)
class AwsEventBridgeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The ARNs of Kafka topic targets on the shared Trailwatch (its default account and region). */
    private static final String TOPIC_ARN = "arn:aws:kafka:us-east-1:000000000000:topic/trailwatch/";
    private static RunningTrailwatch trailwatch;
    private static EventBridgeClient events;

    @BeforeAll
    static void start() throws Exception {
        trailwatch = RunningTrailwatch.get();
        events = AwsClients.eventBridge(trailwatch.endpoint(), TestIdentity.get().administrator());
    }

    @AfterAll
    static void stop() {
        if (events != null) {
            events.close();
        }
    }

    private static String pattern(final String source) {
        return "{\"source\": [\"" + source + "\"]}";
    }

    @Test
    void aCustomEventFromPutEventsReachesTheTargetTopicsOfTheRuleItMatches() throws Exception {
        final String rule = UniqueNames.of("orders");
        final String source = UniqueNames.of("com.shop");
        final String pager = UniqueNames.topic("orders-pager");
        final String audit = UniqueNames.topic("orders-audit");
        events.putRule(put -> put.name(rule).eventPattern("{\"source\": [\"" + source + "\"], "
            + "\"detail\": {\"total\": [{\"numeric\": [\">\", 100]}]}}"));
        final PutTargetsResponse targets = events.putTargets(put -> put.rule(rule).targets(
            Target.builder().id("pager").arn(TOPIC_ARN + pager).build(),
            Target.builder().id("audit").arn(TOPIC_ARN + audit).build()));
        assertThat(targets.failedEntryCount()).isZero();

        final Instant time = Instant.parse("2026-12-01T10:00:00Z");
        final PutEventsResponse put = events.putEvents(request -> request.entries(
            entry(source, "{\"total\": 5}").build(),
            entry(source, "{\"total\": 250}").time(time).resources("arn:shop:order/7").build()));

        assertThat(put.failedEntryCount()).isZero();
        final String matchingId = put.entries().get(1).eventId();
        for (final String topic : List.of(pager, audit)) {
            final List<ConsumerRecord<String, String>> delivered = trailwatch.infrastructure().consumeUntil(topic,
                new StringDeserializer(), new StringDeserializer(), read -> !read.isEmpty(), Duration.ofSeconds(60));
            assertThat(delivered).singleElement().satisfies(record -> {
                final JsonNode envelope = JSON.readTree(record.value());
                assertThat(record.key()).isEqualTo(matchingId);
                assertThat(envelope.get("id").asText()).isEqualTo(matchingId);
                assertThat(envelope.get("source").asText()).isEqualTo(source);
                assertThat(envelope.get("detail-type").asText()).isEqualTo("Order Placed");
                assertThat(envelope.get("time").asText()).isEqualTo("2026-12-01T10:00:00Z");
                assertThat(envelope.get("account").asText()).isEqualTo("000000000000");
                assertThat(envelope.get("resources").get(0).asText()).isEqualTo("arn:shop:order/7");
                assertThat(envelope.at("/detail/total").asInt()).isEqualTo(250);
            });
        }
    }

    private static PutEventsRequestEntry.Builder entry(final String source, final String detail) {
        return PutEventsRequestEntry.builder().source(source).detailType("Order Placed").detail(detail);
    }

    @Test
    void putEventsRefusesEachBadEntryAloneWithEventBridgesCodes() {
        final PutEventsResponse put = events.putEvents(request -> request.entries(
            PutEventsRequestEntry.builder().source("com.shop").detailType("Order Placed").build(),
            entry("com.shop", "{\"total\": ").build(),
            entry("aws.s3", "{}").build(),
            entry("com.shop", "{}").build()));

        assertThat(put.failedEntryCount()).isEqualTo(3);
        assertThat(put.entries().get(0).errorCode()).isEqualTo("InvalidArgument");
        assertThat(put.entries().get(0).errorMessage()).contains("Detail is a required argument");
        assertThat(put.entries().get(1).errorCode()).isEqualTo("MalformedDetail");
        assertThat(put.entries().get(2).errorCode()).isEqualTo("NotAuthorizedForSourceException");
        assertThat(put.entries().get(3).eventId()).isNotBlank();
        assertThat(put.entries().get(3).errorCode()).isNull();
    }

    @Test
    void putEventsRefusesACallOfMoreThanTenEntries() {
        final List<PutEventsRequestEntry> eleven = java.util.Collections.nCopies(11, entry("com.shop", "{}").build());

        assertThatThrownBy(() -> events.putEvents(request -> request.entries(eleven)))
            .isInstanceOfSatisfying(EventBridgeException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                assertThat(e.awsErrorDetails().errorMessage()).contains("Entries").contains("1 to 10");
            });
    }

    @Test
    void putRuleThenDescribeListEnableAndDisableIt() {
        final String name = UniqueNames.of("lifecycle");
        final String arn = events.putRule(put -> put.name(name).eventPattern(pattern("com.a"))
            .description("orders").state(RuleState.DISABLED)).ruleArn();

        assertThat(arn).isEqualTo("arn:aws:events:us-east-1:000000000000:rule/" + name);
        final DescribeRuleResponse described = events.describeRule(describe -> describe.name(name));
        assertThat(described.arn()).isEqualTo(arn);
        assertThat(described.eventPattern()).isEqualTo(pattern("com.a"));
        assertThat(described.description()).isEqualTo("orders");
        assertThat(described.state()).isEqualTo(RuleState.DISABLED);
        assertThat(described.eventBusName()).isEqualTo("default");

        events.enableRule(enable -> enable.name(name));
        assertThat(events.describeRule(describe -> describe.name(name)).state()).isEqualTo(RuleState.ENABLED);
        events.disableRule(disable -> disable.name(name).eventBusName("default"));
        assertThat(events.describeRule(describe -> describe.name(name)).state()).isEqualTo(RuleState.DISABLED);
    }

    @Test
    void listRulesPagesByNamePrefix() {
        final String prefix = UniqueNames.of("paged");
        for (final String suffix : List.of("a", "b", "c")) {
            events.putRule(put -> put.name(prefix + suffix).eventPattern(pattern("com.paged")));
        }

        final ListRulesResponse first = events.listRules(list -> list.namePrefix(prefix).limit(2));
        assertThat(first.rules()).extracting(rule -> rule.name()).containsExactly(prefix + "a", prefix + "b");
        final ListRulesResponse second = events.listRules(list -> list.namePrefix(prefix).limit(2)
            .nextToken(first.nextToken()));
        assertThat(second.rules()).extracting(rule -> rule.name()).containsExactly(prefix + "c");
        assertThat(second.nextToken()).isNull();

        assertThatThrownBy(() -> events.listRules(list -> list.namePrefix(prefix).limit(101)))
            .isInstanceOfSatisfying(EventBridgeException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                assertThat(e.awsErrorDetails().errorMessage()).contains("Limit");
            });
    }

    @Test
    void putRuleRefusesABadPatternAScheduleAndAnotherBus() {
        assertThatThrownBy(() -> events.putRule(put -> put.name(UniqueNames.of("bad")).eventPattern(
            "{\"detail\": {\"eventName\": \"DeleteBucket\"}}")))
            .isInstanceOfSatisfying(InvalidEventPatternException.class, e ->
                assertThat(e.awsErrorDetails().errorMessage()).contains("must be an object or an array"));
        assertThatThrownBy(() -> events.putRule(put -> put.name(UniqueNames.of("cron"))
            .scheduleExpression("rate(5 minute)")))
            .isInstanceOfSatisfying(EventBridgeException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                assertThat(e.awsErrorDetails().errorMessage()).contains("ScheduleExpression");
            });
        assertThatThrownBy(() -> events.putRule(put -> put.name(UniqueNames.of("bus")).eventPattern(pattern("x"))
            .eventBusName("orders")))
            .isInstanceOfSatisfying(ResourceNotFoundException.class, e ->
                assertThat(e.awsErrorDetails().errorMessage()).contains("Event bus orders does not exist"));
    }

    @Test
    void aMissingRuleIsResourceNotFoundForEveryOperationOnIt() {
        final String name = UniqueNames.of("missing");

        assertThatThrownBy(() -> events.describeRule(describe -> describe.name(name)))
            .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Rule " + name + " does not exist");
        assertThatThrownBy(() -> events.enableRule(enable -> enable.name(name)))
            .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> events.disableRule(disable -> disable.name(name)))
            .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> events.deleteRule(delete -> delete.name(name)))
            .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> events.listTargetsByRule(list -> list.rule(name)))
            .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> events.removeTargets(remove -> remove.rule(name).ids("t")))
            .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> events.putTargets(put -> put.rule(name).targets(
            Target.builder().id("t").arn(TOPIC_ARN + "t").build())))
            .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void targetsArePutListedAndRemovedAndOnlyKafkaTopicsOfTrailwatchAreTargets() {
        final String name = UniqueNames.of("targets");
        events.putRule(put -> put.name(name).eventPattern(pattern("com.targets")));

        final PutTargetsResponse put = events.putTargets(request -> request.rule(name).targets(
            Target.builder().id("a").arn(TOPIC_ARN + UniqueNames.topic("a")).build(),
            Target.builder().id("queue").arn("arn:aws:sqs:us-east-1:000000000000:orders").build(),
            Target.builder().id("internal").arn(TOPIC_ARN + "trailwatch.audit").build(),
            Target.builder().id("b").arn(TOPIC_ARN + UniqueNames.topic("b")).build()));

        assertThat(put.failedEntryCount()).isEqualTo(2);
        assertThat(put.failedEntries()).extracting(entry -> entry.targetId()).containsExactly("queue", "internal");
        assertThat(put.failedEntries().get(0).errorCode()).isEqualTo("ValidationException");
        assertThat(put.failedEntries().get(0).errorMessage()).contains("Arn").contains(TOPIC_ARN);
        assertThat(put.failedEntries().get(1).errorMessage()).contains("may not write to it");
        assertThat(events.listTargetsByRule(list -> list.rule(name)).targets())
            .extracting(target -> target.id()).containsExactly("a", "b");
        assertThat(events.listTargetsByRule(list -> list.rule(name).limit(1)).nextToken()).isNotNull();

        assertThatThrownBy(() -> events.deleteRule(delete -> delete.name(name)))
            .isInstanceOfSatisfying(EventBridgeException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                assertThat(e.awsErrorDetails().errorMessage()).contains("Rule can't be deleted since it has targets");
            });
        assertThat(events.removeTargets(remove -> remove.rule(name).ids("a", "nope")).failedEntryCount()).isZero();
        assertThat(events.listTargetsByRule(list -> list.rule(name)).targets())
            .extracting(target -> target.id()).containsExactly("b");
        assertThatThrownBy(() -> events.removeTargets(remove -> remove.rule(name).ids(List.of())))
            .isInstanceOfSatisfying(EventBridgeException.class, e ->
                assertThat(e.awsErrorDetails().errorMessage()).contains("Ids"));

        events.deleteRule(delete -> delete.name(name).force(true));
        assertThat(events.listRules(list -> list.namePrefix(name)).rules()).isEmpty();
    }

    @Test
    void aRuleHasAtMostFiveTargets() {
        final String name = UniqueNames.of("crowded");
        final String topic = UniqueNames.topic("crowded");
        events.putRule(put -> put.name(name).eventPattern(pattern("com.crowded")));
        final List<Target> six = List.of("1", "2", "3", "4", "5", "6").stream()
            .map(id -> Target.builder().id(id).arn(TOPIC_ARN + topic).build()).toList();

        assertThatThrownBy(() -> events.putTargets(put -> put.rule(name).targets(six)))
            .isInstanceOfSatisfying(LimitExceededException.class, e ->
                assertThat(e.awsErrorDetails().errorMessage()).contains("at most 5 targets"));
        assertThat(events.listTargetsByRule(list -> list.rule(name)).targets()).isEmpty();
    }

    @Test
    void aRuleOfTheV1ApiHasItsTargetTopicAsATargetAndPutRuleKeepsIt() throws Exception {
        final String name = UniqueNames.of("v1rule");
        final String topic = UniqueNames.topic("v1rule");
        assertThat(TestIdentity.get().send("PUT", trailwatch.endpoint() + "/v1/rules/" + name,
            "{\"EventPattern\": " + JSON.writeValueAsString(pattern("com.v1")) + ", \"TargetTopic\": \"" + topic
                + "\"}").statusCode()).isEqualTo(200);

        events.putRule(put -> put.name(name).eventPattern(pattern("com.v1.changed")));

        assertThat(events.listTargetsByRule(list -> list.rule(name)).targets()).singleElement()
            .satisfies(target -> {
                assertThat(target.id()).isEqualTo("TargetTopic");
                assertThat(target.arn()).isEqualTo(TOPIC_ARN + topic);
            });
        final JsonNode v1 = JSON.readTree(TestIdentity.get().send("GET", trailwatch.endpoint() + "/v1/rules/" + name,
            null).body());
        assertThat(v1.get("TargetTopic").asText()).isEqualTo(topic);
        assertThat(v1.get("EventPattern").asText()).isEqualTo(pattern("com.v1.changed"));
    }
}
