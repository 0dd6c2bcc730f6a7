package io.trailwatch.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real service (a schema registry) behind HTTP basic authentication, as a user's registry is deployed: every
 * request without the one user's credentials is answered 401, every other one is forwarded to the service and its
 * answer returned. Counts both, so a test can tell that a client did authenticate.
 */
public final class BasicAuthProxy implements AutoCloseable {

    private static final List<String> FORWARDED_HEADERS = List.of("Content-Type", "Accept");

    private final URI target;
    private final byte[] expected;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    private BasicAuthProxy(final URI target, final String user, final String password) throws IOException {
        this.target = target;
        this.expected = ("Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
            .getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** In front of {@code targetUrl} (scheme, host and port; the path is the client's), for {@code user}. */
    public static BasicAuthProxy start(final String targetUrl, final String user, final String password) {
        try {
            return new BasicAuthProxy(URI.create(targetUrl), user, password);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The target's URL with this proxy's address: {@code http://127.0.0.1:<port><target's path>}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + (target.getRawPath() == null ? ""
            : target.getRawPath());
    }

    /** Requests that came with the user's credentials and were forwarded. */
    public int served() {
        return served.get();
    }

    /** Requests answered 401: no credentials or others. */
    public int refused() {
        return refused.get();
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final String given = exchange.getRequestHeaders().getFirst("Authorization");
            if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
                refused.incrementAndGet();
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"registry\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            served.incrementAndGet();
            final HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()
                .toString())).timeout(Duration.ofSeconds(30)).method(exchange.getRequestMethod(),
                HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
            FORWARDED_HEADERS.forEach(name -> {
                final String value = exchange.getRequestHeaders().getFirst(name);
                if (value != null) {
                    forward.header(name, value);
                }
            });
            final HttpResponse<byte[]> answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers().firstValue("Content-Type").ifPresent(type -> exchange.getResponseHeaders()
                .add("Content-Type", type));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                exchange.getResponseBody().write(answer.body());
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
