package io.trailwatch.app.http;

import io.trailwatch.app.registry.RegistrySubjectsProbe;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import io.trailwatch.schemas.serde.SerdeContext;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import io.trailwatch.stack.ChildStatus;
import org.apache.kafka.clients.admin.Admin;

/** The health checks of Trailwatch's dependencies. */
public final class HealthChecks {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private HealthChecks() {
    }

    public static HealthCheck kafka(final Admin admin) {
        return named("kafka", () -> {
            final int brokers = admin.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            return brokers > 0 ? HealthCheck.Status.up(brokers + " broker(s) reachable")
                : HealthCheck.Status.down("no broker in the cluster metadata");
        });
    }

    public static HealthCheck schemaRegistry(final String url) {
        return named("schemaRegistry", registryProbe(url));
    }

    /** The registry this process started and supervises: also down, since its exit, while it restarts. */
    public static HealthCheck schemaRegistry(final String url, final Supplier<ChildStatus> process) {
        return supervised("schemaRegistry", process, registryProbe(url));
    }

    /** With the credentials and trust store registered for the URL: a registry that authenticates is up too. */
    private static Probe registryProbe(final String url) {
        final RegistrySubjectsProbe probe = new RegistrySubjectsProbe(url, SerdeContext.registeredAccess(url), TIMEOUT);
        return () -> {
            final int status = probe.status();
            return status == 200 ? HealthCheck.Status.up(url) : HealthCheck.Status.down(url + " answered HTTP "
                + status);
        };
    }

    public static HealthCheck streams(final ProcessorsRuntime runtime) {
        return named("streams", () -> {
            final String detail = runtime.state() + " " + runtime.threadStates();
            final Set<String> restoring = runtime.restoringStores();
            if (!restoring.isEmpty()) {
                // Queries would answer from incomplete state: not ready until the changelogs are read.
                return HealthCheck.Status.down("restoring " + restoring + "; " + detail);
            }
            return runtime.isRunning() && runtime.threadCount() > 0 ? HealthCheck.Status.up(detail)
                : HealthCheck.Status.down(detail);
        });
    }

    /**
     * A child process of the local stack, supervised: DOWN since its exit while the supervisor restarts it (saying
     * why), else as the probe finds it, with its pid and restarts.
     */
    public static HealthCheck supervised(final String name, final Supplier<ChildStatus> process, final Probe probe) {
        return named(name, () -> {
            final ChildStatus status = process.get();
            if (!status.running()) {
                return new HealthCheck.Status(false, status.name() + " " + status.state() + (status.problem() == null
                    ? "" : ": " + firstLine(status.problem())), status.since());
            }
            final HealthCheck.Status probed = probe.probe();
            final String supervision = " (pid " + status.pid() + (status.restarts() == 0 ? ""
                : ", restarts: " + status.restarts() + ", last: " + firstLine(status.problem())) + ")";
            // UP since the process was (re)started: exact, however briefly it was down between two checks. Not
            // answering while it runs is DOWN since the report first saw it so.
            return new HealthCheck.Status(probed.ready(), probed.detail() + supervision,
                probed.ready() ? status.since() : null);
        });
    }

    /**
     * The report's first line: what happened. The child's log lines after it (repeated failures) are for the
     * console and the log file, whose reader owns the data directory, not for every caller allowed to read health.
     */
    private static String firstLine(final String report) {
        return report.lines().findFirst().orElse("");
    }

    /** What a check does; may throw, which makes the component DOWN with the exception's message. */
    public interface Probe {
        HealthCheck.Status probe() throws Exception;
    }

    /** A check of the given name running the probe. */
    public static HealthCheck named(final String name, final Probe probe) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Status check() {
                try {
                    return probe.probe();
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Status.down("interrupted");
                } catch (final Exception e) {
                    // A refused connection has no message: its type says it all.
                    return Status.down(e.getClass().getSimpleName() + (e.getMessage() == null ? ""
                        : ": " + e.getMessage()));
                }
            }
        };
    }
}
