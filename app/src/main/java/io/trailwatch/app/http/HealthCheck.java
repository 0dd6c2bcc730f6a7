package io.trailwatch.app.http;

import java.time.Instant;

/** One dependency's readiness, as /v1/health reports it. */
public interface HealthCheck {

    /** The check's name in the report, e.g. "kafka". */
    String name();

    /** Checks now; must return within a few seconds and never throw. */
    Status check();

    /**
     * @param ready  whether the dependency can be used
     * @param detail what was seen, for people
     * @param since  when it entered this state, when the check knows (a child process's exit); null: when the report
     *               first saw it so
     */
    record Status(boolean ready, String detail, Instant since) {
        public static Status up(final String detail) {
            return new Status(true, detail, null);
        }

        public static Status down(final String detail) {
            return new Status(false, detail, null);
        }
    }
}
