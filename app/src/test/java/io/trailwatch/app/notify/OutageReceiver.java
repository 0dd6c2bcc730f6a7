package io.trailwatch.app.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * HTTP endpoints, one per path, each answering as the test says: 200, 503, or not at all (the request hangs until
 * the path answers again or a minute passes). It records every request the moment it arrives, deduplicating nothing.
 */
final class OutageReceiver implements AutoCloseable {

    /** How a path answers. */
    enum Answer { OK, FAIL, HANG }

    /** One request as it arrived, and how it was answered (HANG: not, when it arrived). */
    record Arrival(String path, String idempotencyKey, Answer answer, Instant at) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Arrival> arrivals = new ArrayList<>();

    OutageReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            final String path = exchange.getRequestURI().getPath();
            final Answer answer = answers.getOrDefault(path, Answer.OK);
            synchronized (this) {
                arrivals.add(new Arrival(path, exchange.getRequestHeaders().getFirst("Idempotency-Key"), answer,
                    Instant.now()));
            }
            if (answer == Answer.HANG) {
                awaitAnswer(path);
            }
            exchange.sendResponseHeaders(answer == Answer.OK ? 200 : 503, -1);
            exchange.close();
        });
        server.start();
    }

    String url(final String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    synchronized void answer(final String path, final Answer answer) {
        answers.put(path, answer);
        notifyAll();
    }

    /** The path's requests, in arrival order. */
    synchronized List<Arrival> arrivals(final String path) {
        return arrivals.stream().filter(arrival -> arrival.path().equals(path)).toList();
    }

    /** The keys of the path's requests answered 200, in arrival order. */
    synchronized List<String> accepted(final String path) {
        return arrivals(path).stream().filter(arrival -> arrival.answer() == Answer.OK)
            .map(Arrival::idempotencyKey).toList();
    }

    private synchronized void awaitAnswer(final String path) {
        final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        try {
            while (answers.get(path) == Answer.HANG && System.nanoTime() < deadline) {
                wait(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + 1);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        answers.replaceAll((path, answer) -> Answer.OK);
        synchronized (this) {
            notifyAll();
        }
        server.stop(0);
        threads.shutdownNow();
    }
}
