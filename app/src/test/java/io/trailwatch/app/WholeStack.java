package io.trailwatch.app;

/**
 * Test classes that start a whole stack of their own ({@code trailwatch up} or a {@code LocalStack}: a broker, a
 * registry, S3Proxy and a Connect worker, four JVMs), and the console's ten-thousand-alarm test (three browsers and
 * 20,000 audited calls), each hold this lock, so no two of them run at once. Side by side on two cores, three stacks
 * took more than three minutes each to start (a registry in 63 s, a Connect worker in 88 s) and every one of them
 * timed out, together with the tests beside them; one at a time, each starts in about a minute.
 */
final class WholeStack {

    static final String LOCK = "trailwatch-whole-stack";

    private WholeStack() {
    }
}
