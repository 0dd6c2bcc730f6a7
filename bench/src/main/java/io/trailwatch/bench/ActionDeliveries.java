package io.trailwatch.bench;

import com.sun.net.httpserver.HttpServer;
import io.trailwatch.app.definitions.DefinitionStore;
import io.trailwatch.app.notify.SubscriptionDeliveries;
import io.trailwatch.processors.config.DefinitionEntry;
import io.trailwatch.processors.definitions.DefinitionWriter;
import io.trailwatch.processors.notify.DeliverySettings;
import io.trailwatch.processors.notify.NotificationTopicArns;
import io.trailwatch.processors.notify.NotificationTopicDefinition;
import io.trailwatch.processors.notify.SmtpSettings;
import io.trailwatch.processors.notify.SubscriptionDefinition;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import io.trailwatch.schemas.kafka.KafkaAccess;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The alarm actions of {@code bench/run alarms --topics N}: N notification topics, each with one confirmed http
 * subscription on a receiver in this JVM (the JDK's HTTP server), and Trailwatch's subscription deliverer running as
 * an instance runs it. The receiver notes when each transition's request arrived, by the transition id that leads its
 * {@code Idempotency-Key} ({@code <transition id>/<subscription id>}).
 */
final class ActionDeliveries implements AutoCloseable {

    private static final NotificationTopicArns ARNS = new NotificationTopicArns("000000000000", "us-east-1");

    private final int topics;
    private final HttpServer receiver;
    private final Map<String, Long> receivedMs = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong lastReceivedMs = new AtomicLong();
    private DefinitionWriter writer;
    private SubscriptionDeliveries deliveries;

    ActionDeliveries(final int topics) throws IOException {
        this.topics = topics;
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            final long now = System.currentTimeMillis();
            final String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (key != null) {
                receivedMs.putIfAbsent(key.substring(0, key.indexOf('/')), now);
            }
            requests.incrementAndGet();
            lastReceivedMs.set(now);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    /** The topic an alarm's actions name: alarms are spread over the topics round-robin. */
    String topicArn(final int alarm) {
        return ARNS.topic(topicName(alarm % topics));
    }

    private static String topicName(final int topic) {
        return "bench-topic-" + topic;
    }

    /** The topics and their subscriptions, confirmed, each to its own path on the receiver. */
    List<DefinitionEntry> definitions() {
        final List<DefinitionEntry> entries = new ArrayList<>(2 * topics);
        final String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/";
        for (int i = 0; i < topics; i++) {
            entries.add(NotificationTopicDefinition.TYPE.entryOf(
                new NotificationTopicDefinition(topicName(i), 0L, null)));
            entries.add(SubscriptionDefinition.TYPE.entryOf(new SubscriptionDefinition(
                topicName(i), UUID.randomUUID().toString(), "http", url + topicName(i), 0L, false, null)));
        }
        return entries;
    }

    /** Starts delivering, as each instance does, reading the subscriptions from the processors' config store. */
    void start(final BenchEnvironment env, final ProcessorsRuntime runtime) {
        writer = new DefinitionWriter(env.bootstrapServers(), env.serdes());
        deliveries = new SubscriptionDeliveries(KafkaAccess.plaintext(env.bootstrapServers()), env.serdes(),
            new DefinitionStore(runtime::configStore, writer), ARNS, DeliverySettings.DEFAULTS,
            new SmtpSettings("", 25, "trailwatch@localhost", "", null, true), "http://127.0.0.1:9/v2/enqueue");
    }

    /** When the request of this transition arrived, epoch ms; null if it has not. */
    Long receivedMs(final String transitionId) {
        return receivedMs.get(transitionId);
    }

    int requests() {
        return requests.get();
    }

    long lastReceivedMs() {
        return lastReceivedMs.get();
    }

    @Override
    public void close() {
        if (deliveries != null) {
            deliveries.close();
        }
        if (writer != null) {
            writer.close();
        }
        receiver.stop(0);
    }
}
