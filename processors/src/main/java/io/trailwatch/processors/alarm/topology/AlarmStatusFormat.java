package io.trailwatch.processors.alarm.topology;

import io.trailwatch.avro.AlarmStateValue;
import io.trailwatch.processors.alarm.topology.AlarmStatus.ChildSnapshot;
import io.trailwatch.processors.alarm.topology.AlarmStatus.HeldTransition;
import io.trailwatch.processors.alarm.topology.AlarmStatus.StoredDatapoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;

/**
 * The binary format of the alarm status and child-state stores ({@link BinarySerde}): read and written on every
 * evaluation, so it is the hot path of a burst of transitions. States are written by name, so that a new state value
 * in the schema cannot shift the meaning of stored ones.
 */
final class AlarmStatusFormat {

    /** Format byte of a status value: version 1. */
    static final byte STATUS_V1 = 1;
    /** Format byte of a child-state value: version 1. */
    static final byte CHILD_V1 = 1;

    private AlarmStatusFormat() {
    }

    static Serde<AlarmStatus> statusSerde() {
        return BinarySerde.of(AlarmStatus.class, STATUS_V1, AlarmStatusFormat::write, AlarmStatusFormat::read);
    }

    static Serde<ChildSnapshot> childSerde() {
        return BinarySerde.of(ChildSnapshot.class, CHILD_V1, AlarmStatusFormat::writeChild,
            AlarmStatusFormat::readChild);
    }

    static void write(final AlarmStatus status, final BinaryOut out) {
        out.writeString(status.alarmType()).writeLong(status.createdMs()).writeString(status.definitionJson())
            .writeString(status.metricSignature()).writeString(status.state().name()).writeString(status.reason())
            .writeString(status.reasonData()).writeLong(status.stateTimestampMs())
            .writeString(status.evaluationState()).writeLong(status.transitions()).writeLong(status.lastEvaluatedMs());
        out.writeInt(status.datapoints().size());
        for (final Map.Entry<Long, StoredDatapoint> entry : status.datapoints().entrySet()) {
            final Double value = entry.getValue().value();
            out.writeLong(entry.getKey()).writeBoolean(value != null).writeDouble(value == null ? 0 : value)
                .writeDouble(entry.getValue().sampleCount());
        }
        out.writeInt(status.children().size());
        for (final Map.Entry<String, ChildSnapshot> entry : status.children().entrySet()) {
            out.writeString(entry.getKey());
            writeChild(entry.getValue(), out);
        }
        out.writeLong(status.settleUntilMs());
        final HeldTransition held = status.held();
        out.writeBoolean(held != null);
        if (held != null) {
            out.writeString(held.id()).writeLong(held.ordinal()).writeString(held.previousState().name())
                .writeString(held.previousReason()).writeString(held.previousReasonData())
                .writeLong(held.previousTimestampMs()).writeInt(held.mutedBy().size());
            held.mutedBy().forEach(out::writeString);
            out.writeLong(held.mutedUntilMs());
        }
    }

    static AlarmStatus read(final BinaryIn in) {
        final String alarmType = in.readString();
        final long createdMs = in.readLong();
        final String definitionJson = in.readString();
        final String metricSignature = in.readString();
        final AlarmStateValue state = AlarmStateValue.valueOf(in.readString());
        final String reason = in.readString();
        final String reasonData = in.readString();
        final long stateTimestampMs = in.readLong();
        final String evaluationState = in.readString();
        final long transitions = in.readLong();
        final long lastEvaluatedMs = in.readLong();
        final TreeMap<Long, StoredDatapoint> datapoints = new TreeMap<>();
        for (int i = in.readCount(); i > 0; i--) {
            final long start = in.readLong();
            final boolean hasValue = in.readBoolean();
            final double value = in.readDouble();
            datapoints.put(start, new StoredDatapoint(hasValue ? value : null, in.readDouble()));
        }
        final TreeMap<String, ChildSnapshot> children = new TreeMap<>();
        for (int i = in.readCount(); i > 0; i--) {
            children.put(in.readString(), readChild(in));
        }
        final long settleUntilMs = in.readLong();
        final HeldTransition held = in.readBoolean() ? readHeld(in) : null;
        return new AlarmStatus(alarmType, createdMs, definitionJson, metricSignature, state, reason, reasonData,
            stateTimestampMs, evaluationState, transitions, lastEvaluatedMs, datapoints, children, settleUntilMs,
            held);
    }

    private static HeldTransition readHeld(final BinaryIn in) {
        final String id = in.readString();
        final long ordinal = in.readLong();
        final AlarmStateValue previousState = AlarmStateValue.valueOf(in.readString());
        final String previousReason = in.readString();
        final String previousReasonData = in.readString();
        final long previousTimestampMs = in.readLong();
        final List<String> mutedBy = new ArrayList<>();
        for (int i = in.readCount(); i > 0; i--) {
            mutedBy.add(in.readString());
        }
        return new HeldTransition(id, ordinal, previousState, previousReason, previousReasonData, previousTimestampMs,
            mutedBy, in.readLong());
    }

    static void writeChild(final ChildSnapshot child, final BinaryOut out) {
        out.writeString(child.state().name()).writeLong(child.timestampMs());
    }

    static ChildSnapshot readChild(final BinaryIn in) {
        return new ChildSnapshot(AlarmStateValue.valueOf(in.readString()), in.readLong());
    }
}
