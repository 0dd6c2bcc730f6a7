package io.trailwatch.app.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The local stack stops in the order whatever order its components joined in, each once, each reported. */
class StopSequenceTest {

    @Test
    void stopsStageByStageTheLastAddedFirstWithinAStageAndReportsEach() {
        final List<String> closed = new ArrayList<>();
        final StopSequence stops = new StopSequence();
        // In the order `trailwatch up` starts them.
        stops.add(StopSequence.Stage.BROKER, "Kafka broker", () -> closed.add("broker"));
        stops.add(StopSequence.Stage.CHILD_PROCESSES, "schema registry", () -> closed.add("registry"));
        stops.add(StopSequence.Stage.PROCESSORS, "stream processors", () -> closed.add("streams"));
        stops.add(StopSequence.Stage.PROCESSORS, "API services", () -> closed.add("services"));
        stops.add(StopSequence.Stage.HTTP_API, "HTTP API", () -> closed.add("http"));
        stops.add(StopSequence.Stage.CHILD_PROCESSES, "S3Proxy", () -> closed.add("s3proxy"));
        stops.add(StopSequence.Stage.CONNECT, "demo webhook", () -> closed.add("webhook"));
        stops.add(StopSequence.Stage.CONNECT, "Kafka Connect worker", () -> closed.add("connect"));
        stops.add(StopSequence.Stage.DEMO, "demo traffic", () -> closed.add("demo"));
        final List<String> reported = new ArrayList<>();

        stops.stop(reported::add);

        assertThat(closed).containsExactly("demo", "http", "connect", "webhook", "services", "streams", "s3proxy",
            "registry", "broker");
        assertThat(reported).hasSize(9).allMatch(line -> line.matches(".+ \\(\\d+ ms\\)"));
        assertThat(reported.get(0)).startsWith("demo traffic (");
    }

    @Test
    void aComponentThatFailsToStopDoesNotKeepTheOthersRunningAndASecondStopFindsNothing() {
        final List<String> closed = new ArrayList<>();
        final StopSequence stops = new StopSequence();
        stops.add(StopSequence.Stage.BROKER, "Kafka broker", () -> closed.add("broker"));
        stops.add(StopSequence.Stage.HTTP_API, "HTTP API", () -> {
            throw new IllegalStateException("port already closed");
        });
        final List<String> reported = new ArrayList<>();

        stops.stop(reported::add);
        stops.stop(reported::add);

        assertThat(closed).containsExactly("broker");
        assertThat(reported).hasSize(1).allMatch(line -> line.startsWith("Kafka broker ("));
    }
}
