package io.trailwatch.app.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health of every component, each UP or DOWN since when: checked every few seconds in the background (so that
 * "since" is when it changed, not when someone asked) and on demand when the last check is older than a second.
 * Components join as they start ({@link #add}). A component going down or coming back is logged once, on the
 * console.
 */
public final class HealthReport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthReport.class);
    private static final Duration FRESH = Duration.ofSeconds(1);
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    /** One component's state as last checked. */
    public record Component(String name, boolean up, Instant since, String detail) { }

    private final List<HealthCheck> checks = new CopyOnWriteArrayList<>();
    private final Map<String, Component> last = new LinkedHashMap<>();
    /** Components seen UP once: only their changes are news (one still starting is not DOWN on the console). */
    private final Set<String> wasUp = new HashSet<>();
    private final Clock clock;
    private ScheduledExecutorService poller;
    private Instant checkedAt = Instant.EPOCH;

    public HealthReport(final List<HealthCheck> initial) {
        this(initial, Clock.systemUTC());
    }

    HealthReport(final List<HealthCheck> initial, final Clock clock) {
        this.checks.addAll(initial);
        this.clock = clock;
    }

    /** Checks every few seconds from now on, until closed. */
    public synchronized HealthReport pollInBackground() {
        if (poller == null) {
            poller = Executors.newSingleThreadScheduledExecutor(task -> {
                final Thread thread = new Thread(task, "trailwatch-health");
                thread.setDaemon(true);
                return thread;
            });
            poller.scheduleWithFixedDelay(this::checkNow, INTERVAL.toMillis(), INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** A component to check from now on (one started after the HTTP API: the archive's, Connect's). */
    public void add(final HealthCheck check) {
        checks.add(check);
    }

    /** Every component, checked within the last second. */
    public List<Component> components() {
        synchronized (this) {
            if (Duration.between(checkedAt, clock.instant()).compareTo(FRESH) <= 0) {
                return List.copyOf(last.values());
            }
        }
        return checkNow();
    }

    /** Whether every component is UP (and something is checked at all). */
    public boolean ready() {
        return components().stream().allMatch(Component::up);
    }

    /** The detailed report, for authenticated callers: each component with its state, since when and what was seen. */
    public ObjectNode toJson() {
        final List<Component> components = components();
        final ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", components.stream().allMatch(Component::up) ? "UP" : "DOWN");
        final var array = body.putArray("components");
        for (final Component component : components) {
            array.addObject().put("name", component.name()).put("status", component.up() ? "UP" : "DOWN")
                .put("since", component.since().toString()).put("detail", component.detail());
        }
        return body;
    }

    private List<Component> checkNow() {
        final List<HealthCheck.Status> results = new ArrayList<>();
        final List<HealthCheck> current = List.copyOf(checks);
        // The probes run outside the lock: each may take seconds, and callers meanwhile get the last answer.
        for (final HealthCheck check : current) {
            results.add(check.check());
        }
        synchronized (this) {
            final Instant now = clock.instant();
            for (int i = 0; i < current.size(); i++) {
                final String name = current.get(i).name();
                final HealthCheck.Status status = results.get(i);
                final Component before = last.get(name);
                final Instant since = status.since() != null ? status.since()
                    : before != null && before.up() == status.ready() ? before.since() : now;
                if (before != null && before.up() != status.ready() && wasUp.contains(name)) {
                    if (status.ready()) {
                        LOG.info("{} is UP again: {}", name, status.detail());
                    } else {
                        LOG.warn("{} is DOWN: {}", name, status.detail());
                    }
                }
                last.put(name, new Component(name, status.ready(), since, status.detail()));
                if (status.ready()) {
                    wasUp.add(name);
                }
            }
            checkedAt = now;
            return List.copyOf(last.values());
        }
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }
}
