package io.trailwatch.app.http;

import io.trailwatch.processors.runtime.ProcessorsRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
        final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        return named("schemaRegistry", () -> {
            final HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url + "/subjects"))
                .timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? HealthCheck.Status.up(url)
                : HealthCheck.Status.down(url + " answered HTTP " + response.statusCode());
        });
    }

    public static HealthCheck streams(final ProcessorsRuntime runtime) {
        return named("streams", () -> {
            final String detail = runtime.state() + " " + runtime.threadStates();
            return runtime.isRunning() && runtime.threadCount() > 0 ? HealthCheck.Status.up(detail)
                : HealthCheck.Status.down(detail);
        });
    }

    private interface Probe {
        HealthCheck.Status probe() throws Exception;
    }

    private static HealthCheck named(final String name, final Probe probe) {
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
                    return Status.down(e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
        };
    }
}
