package io.trailwatch.bench;

import java.util.SplittableRandom;

/**
 * Realistic application log lines, deterministic for a seed: two thirds are plain text as a Java service's logger
 * writes them ({@code 2026-12-07T03:00:00.123Z INFO [http-nio-8080-exec-3] c.e.orders.OrderService - ...}), a
 * third JSON as a structured logger writes them ({@code {"level":"info","service":...,"status":200,...}}); about
 * 2% are errors (ERROR in the text lines, {@code "level":"error"} and status 500 in the JSON ones), the rest INFO,
 * WARN and DEBUG.
 */
final class LogLines {

    private static final String[] SERVICES = {"orders", "payments", "inventory", "checkout", "search", "users"};
    private static final String[] PATHS = {"/api/orders", "/api/cart", "/api/payments", "/api/search",
        "/api/users/me", "/health"};
    private static final String[] TEXTS = {"order %d placed by user u-%d in %d ms",
        "cache miss for key product:%d after %d ms (user u-%d)", "payment %d authorised for user u-%d in %d ms",
        "request %d served to user u-%d in %d ms", "retrying call %d for user u-%d after %d ms"};

    private final SplittableRandom random;

    LogLines(final long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The next line, written at {@code time} (ISO-8601, as loggers print it). */
    String next(final String time) {
        final int level = random.nextInt(100);
        final boolean error = level < 2;
        if (random.nextInt(3) == 0) {
            final String service = SERVICES[random.nextInt(SERVICES.length)];
            return "{\"time\":\"" + time + "\",\"level\":\"" + (error ? "error" : level < 10 ? "warn" : "info")
                + "\",\"service\":\"" + service + "\",\"path\":\"" + PATHS[random.nextInt(PATHS.length)]
                + "\",\"status\":" + (error ? 500 : 200) + ",\"latencyMs\":" + random.nextInt(error ? 5_000 : 800)
                + ",\"userId\":\"u-" + random.nextInt(100_000) + "\",\"traceId\":\"" + Long.toHexString(random.nextLong())
                + "\"}";
        }
        final String text = String.format(TEXTS[random.nextInt(TEXTS.length)], random.nextInt(1_000_000),
            random.nextInt(100_000), random.nextInt(2_000));
        return time + " " + (error ? "ERROR" : level < 10 ? "WARN " : level < 30 ? "DEBUG" : "INFO ") + " [http-nio-8080-exec-"
            + random.nextInt(16) + "] c.e." + SERVICES[random.nextInt(SERVICES.length)] + ".Service - " + text
            + (error ? " failed: java.net.SocketTimeoutException: Read timed out" : "");
    }
}
