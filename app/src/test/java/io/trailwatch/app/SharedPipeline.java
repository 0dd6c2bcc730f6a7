package io.trailwatch.app;

/**
 * The tests of this module share one broker and its topics. A test class that starts processors of its own (an
 * extra LocalStack or runtime, under its own application id) evaluates every alarm and metric filter on the shared
 * config topic a second time, into the shared alarms and metrics topics; tests that count transitions or datapoints
 * would then see doubles. Such classes hold this lock exclusively ({@code READ_WRITE}); classes that count hold it
 * shared ({@code READ}), so they run beside each other but never beside a second pipeline.
 */
final class SharedPipeline {

    static final String LOCK = "trailwatch-shared-pipeline";

    private SharedPipeline() {
    }
}
