package io.trailwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.trailwatch.avro.MetricDatum;
import io.trailwatch.schemas.Topic;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.registry.RestSchemaRegistryClient;
import io.trailwatch.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * A registry that goes away after start-up: what was warmed is written without it, a stream thread's repartition or
 * changelog topic of a warmed schema included; a schema never seen still fails, as it must.
 */
class SchemaWarmupTest {

    @Test
    void warmedSchemasAreWrittenDuringARegistryOutageUnderTheirOwnAndTheStreamThreadsSubjects() throws IOException {
        final StubRegistry registry = new StubRegistry();
        final SerdeContext context = new SerdeContext(new RestSchemaRegistryClient(registry.url(), null,
            Duration.ofSeconds(2)), true);

        final Map<String, Schema> subjects = new LinkedHashMap<>();
        for (final Topic<?, ?> topic : Topics.all()) {
            topic.key().registeredSchema().ifPresent(schema -> subjects.put(Subjects.topicName(topic.name(), true),
                schema));
            topic.value().registeredSchema().ifPresent(schema -> subjects.put(Subjects.topicName(topic.name(), false),
                schema));
        }
        assertThat(SchemaWarmup.warm(context, subjects)).isEqualTo(subjects.size()).isGreaterThan(10);
        registry.stop();

        final MetricDatum datum = MetricDatum.newBuilder().setNamespace("App").setMetricName("Errors")
            .setTimestamp(Instant.parse("2026-12-07T03:00:00Z")).setValue(1.0).setUnit("Count").build();
        final byte[] written = Topics.METRICS.valueSerde(context).serializer().serialize(Topics.METRICS.name(), datum);
        // Kafka Streams' repartition topic of the aggregation: a subject the registry never saw, a schema it did.
        final byte[] repartitioned = Topics.METRICS.valueSerde(context).serializer()
            .serialize("trailwatch-processors-metrics-by-identity-repartition", datum);
        assertThat(repartitioned).isEqualTo(written);
        assertThat(Topics.METRICS.valueSerde(context).deserializer().deserialize("any", repartitioned))
            .isEqualTo(datum);
        assertThat(Topics.METRICS.keySerde(context).serializer().serialize("trailwatch-x-changelog", "key"))
            .isNotEmpty();

        final Schema unseen = Schema.createRecord("Unseen", null, "io.trailwatch.test", false, java.util.List.of());
        assertThatThrownBy(() -> context.registry().register("other-value", unseen))
            .isInstanceOf(SchemaRegistryException.class).hasMessageContaining("unreachable");
    }

    /** Confluent's registration route, one global id per distinct schema. */
    private static final class StubRegistry {
        private final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        private final Map<String, Integer> ids = new ConcurrentHashMap<>();
        private final AtomicInteger next = new AtomicInteger(1);

        StubRegistry() throws IOException {
            server.createContext("/subjects/", exchange -> {
                final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                final byte[] reply = ("{\"id\":" + ids.computeIfAbsent(body, any -> next.getAndIncrement()) + "}")
                    .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, reply.length);
                exchange.getResponseBody().write(reply);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
        }
    }
}
