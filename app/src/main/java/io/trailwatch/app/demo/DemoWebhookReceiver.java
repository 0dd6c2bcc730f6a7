package io.trailwatch.app.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.trailwatch.schemas.text.Printable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * The demo's notification target: a local webhook that prints each alarm notification it receives, so that the
 * demo shows alarm actions delivering over real HTTP without any outside service.
 */
public final class DemoWebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/alarms";

    private final HttpServer server;
    private final PrintWriter out;

    private DemoWebhookReceiver(final HttpServer server, final PrintWriter out) {
        this.server = server;
        this.out = out;
    }

    /** Listens on a free port of the loopback interface. */
    public static DemoWebhookReceiver start(final PrintWriter out) {
        try {
            final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            final DemoWebhookReceiver receiver = new DemoWebhookReceiver(server, out);
            server.createContext(PATH, receiver::receive);
            server.start();
            return receiver;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot start the demo webhook", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** An SNS notification of the default topic, whose Message is CloudWatch's alarm JSON. */
    private void receive(final HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            final String line;
            try (InputStream body = exchange.getRequestBody()) {
                line = line(JSON.readTree(body), exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            } catch (final JsonProcessingException e) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            synchronized (out) {
                out.println(line);
                out.flush();
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    /**
     * What the demo prints of a notification: every field is received text, escaped to one safe line. The id is the
     * transition's (the first part of the delivery's {@code Idempotency-Key}, {@code <transition>/<subscription>}),
     * the id its change has on {@code trailwatch.alarms}; SNS's MessageId when the key is missing.
     */
    static String line(final JsonNode notification, final String idempotencyKey) throws JsonProcessingException {
        final JsonNode message = JSON.readTree(notification.path("Message").asText("{}"));
        return "notification: webhook received " + Printable.escape(message.path("AlarmName").asText()) + " "
            + Printable.escape(message.path("OldStateValue").asText()) + " -> "
            + Printable.escape(message.path("NewStateValue").asText()) + " (id "
            + Printable.escape(idempotencyKey != null && idempotencyKey.indexOf('/') > 0
                ? idempotencyKey.substring(0, idempotencyKey.indexOf('/')) : notification.path("MessageId").asText())
            + ")";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
