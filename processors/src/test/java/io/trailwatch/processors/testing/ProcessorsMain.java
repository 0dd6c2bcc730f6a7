package io.trailwatch.processors.testing;

import io.trailwatch.processors.TrailwatchTopology;
import io.trailwatch.processors.runtime.ProcessorsConfig;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The processors in a JVM of their own, so that a test can kill them (SIGKILL) as a crash would: no close, no
 * commit, no flush. Arguments are {@code key=value} processor settings; prints {@value #RUNNING} once running.
 */
public final class ProcessorsMain {

    static final String RUNNING = "PROCESSORS RUNNING";

    private ProcessorsMain() {
    }

    public static void main(final String[] args) throws InterruptedException {
        final Map<String, Object> settings = new HashMap<>();
        for (final String arg : args) {
            final int equals = arg.indexOf('=');
            settings.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        final ProcessorsRuntime runtime = TrailwatchTopology.runtime(new ProcessorsConfig(settings)).start();
        if (!runtime.awaitRunning(Duration.ofMinutes(3))) {
            System.out.println("PROCESSORS DID NOT START: " + runtime.state());
            System.exit(1);
        }
        System.out.println(RUNNING);
        System.out.flush();
        Thread.currentThread().join();
    }
}
