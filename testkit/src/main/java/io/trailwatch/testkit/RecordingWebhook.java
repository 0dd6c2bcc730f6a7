package io.trailwatch.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on loopback that records every request and answers each with the next scripted status
 * (then 200, or whatever {@link #alwaysAnswer} set): the far end of a webhook in tests.
 */
public final class RecordingWebhook implements AutoCloseable {

    /** One request as received. */
    public record Request(String path, String idempotencyKey, String contentType, String body, int answeredWith,
                          Map<String, String> headers, java.time.Instant receivedAt) {

        /** A request header's first value (names as sent, looked up ignoring case); null when absent. */
        public String header(final String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Integer> script = new ArrayDeque<>();
    private int otherwise = 200;
    /** What a 2xx answer says, by path (an OAuth token endpoint's JSON); the default otherwise. */
    private final Map<String, String> bodies = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile long delayMillis;

    public RecordingWebhook() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.createContext("/", exchange -> {
            final String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            final java.time.Instant receivedAt = java.time.Instant.now();
            pause();
            final int status = next();
            synchronized (this) {
                requests.add(new Request(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body, status,
                    firstValues(exchange.getRequestHeaders()), receivedAt));
            }
            final byte[] answer = (status / 100 == 2 ? bodies.getOrDefault(exchange.getRequestURI().getPath(),
                "{\"status\":\"ok\"}") : "{\"error\":\"scripted\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    public String url(final String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests get these statuses, in order. */
    public synchronized RecordingWebhook answer(final Integer... statuses) {
        script.addAll(List.of(statuses));
        return this;
    }

    /** A 2xx answer to this path has this JSON body. */
    public RecordingWebhook respond(final String path, final String json) {
        bodies.put(path, json);
        return this;
    }

    /** Each request is answered after this long: a slow receiver. */
    public RecordingWebhook delayEach(final java.time.Duration delay) {
        this.delayMillis = delay.toMillis();
        return this;
    }

    private void pause() {
        try {
            Thread.sleep(delayMillis);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public synchronized RecordingWebhook alwaysAnswer(final int status) {
        otherwise = status;
        return this;
    }

    public synchronized List<Request> requests(final String path) {
        return requests.stream().filter(request -> request.path().equals(path)).toList();
    }

    private static Map<String, String> firstValues(final com.sun.net.httpserver.Headers headers) {
        final Map<String, String> first = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> first.put(name, values.isEmpty() ? "" : values.get(0)));
        return first;
    }

    private synchronized int next() {
        return script.isEmpty() ? otherwise : script.poll();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
