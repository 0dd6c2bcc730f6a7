package io.trailwatch.app.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * An HTTP endpoint that deduplicates nothing: it records every request, with its {@code Idempotency-Key}, the moment
 * it arrives, before answering; and it can hold back its answer to one request (the n-th) until released, so that a
 * test knows the sender is waiting for that answer when it kills the sender.
 */
final class HoldingReceiver implements AutoCloseable {

    /** One request as it arrived. */
    record Arrival(String idempotencyKey, String body) {
    }

    private final HttpServer server;
    private final List<Arrival> arrivals = new ArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final int holdAt;

    /** @param holdAt the request (counted from 1) whose answer waits for {@link #release()} */
    HoldingReceiver(final int holdAt) throws IOException {
        this.holdAt = holdAt;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            final String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            final int number;
            synchronized (this) {
                arrivals.add(new Arrival(exchange.getRequestHeaders().getFirst("Idempotency-Key"), body));
                number = arrivals.size();
            }
            if (number == holdAt) {
                try {
                    released.await();
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    String url(final String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    synchronized List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    /** Whether the held request has arrived (its sender is then waiting for the answer). */
    synchronized boolean holding() {
        return arrivals.size() >= holdAt && released.getCount() > 0;
    }

    void release() {
        released.countDown();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
