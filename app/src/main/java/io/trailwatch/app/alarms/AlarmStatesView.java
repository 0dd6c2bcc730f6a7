package io.trailwatch.app.alarms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailwatch.processors.alarm.topology.AlarmStatus;
import io.trailwatch.processors.alarm.topology.AlarmTopology;
import io.trailwatch.processors.common.InstanceRouter;
import io.trailwatch.processors.runtime.ProcessorsRuntime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * The current state of every alarm, from the status store, which is partitioned by alarm name across the
 * instances: this instance's part directly, the others' through {@value #INTERNAL_PATH} on each of them.
 */
final class AlarmStatesView {

    static final String INTERNAL_PATH = "/v1/internal/alarm-states";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProcessorsRuntime runtime;

    AlarmStatesView(final ProcessorsRuntime runtime) {
        this.runtime = runtime;
    }

    /** Every alarm's state, by name, from all instances. */
    Map<String, AlarmStateView> all() {
        final List<CompletableFuture<Map<String, AlarmStateView>>> others = runtime.router().fromOthers(
            AlarmTopology.STATUS_STORE, INTERNAL_PATH, (host, body) -> parse(body));
        final Map<String, AlarmStateView> states = new HashMap<>(local());
        InstanceRouter.joined(others).forEach(states::putAll);
        return states;
    }

    /** The states this instance holds. */
    Map<String, AlarmStateView> local() {
        final Map<String, AlarmStateView> states = new HashMap<>();
        try (KeyValueIterator<String, AlarmStatus> all = LocalStores.<AlarmStatus>keyValue(runtime,
            AlarmTopology.STATUS_STORE).all()) {
            while (all.hasNext()) {
                final KeyValue<String, AlarmStatus> entry = all.next();
                states.put(entry.key, AlarmStateView.of(entry.value));
            }
        }
        return states;
    }

    static String write(final Map<String, AlarmStateView> states) {
        try {
            return JSON.writeValueAsString(states);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("alarm states cannot be written as JSON", e);
        }
    }

    private static Map<String, AlarmStateView> parse(final String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, AlarmStateView>>() { });
        } catch (final JsonProcessingException e) {
            throw new InstanceRouter.UnavailableException("another instance answered alarm states that cannot be "
                + "read: " + e.getOriginalMessage());
        }
    }
}
