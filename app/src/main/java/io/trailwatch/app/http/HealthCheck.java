package io.trailwatch.app.http;

/** One dependency's readiness, as /v1/health reports it. */
public interface HealthCheck {

    /** The check's name in the report, e.g. "kafka". */
    String name();

    /** Checks now; must return within a few seconds and never throw. */
    Status check();

    /** @param ready whether the dependency can be used; @param detail what was seen, for people */
    record Status(boolean ready, String detail) {
        public static Status up(final String detail) {
            return new Status(true, detail);
        }

        public static Status down(final String detail) {
            return new Status(false, detail);
        }
    }
}
