package io.trailwatch.processors.alarm.topology;

import io.trailwatch.avro.AlarmStateValue;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/**
 * The binary format of the {@code alarm-inputs} repartition records ({@link BinarySerde}): one per datapoint of
 * every alarm, so written and read once per evaluation. A kind byte names the variant; records still in the topic
 * from before, as JSON, are read as they were.
 */
final class AlarmInputFormat {

    /** Format byte of an input: version 1. */
    static final byte INPUT_V1 = 1;

    private static final int DATAPOINT = 1;
    private static final int CHILD_STATE = 2;
    private static final int SET_STATE = 3;
    private static final int DEFINITION_CHANGED = 4;
    private static final int ACTION_RUN = 5;

    private AlarmInputFormat() {
    }

    static Serde<AlarmInput> serde() {
        return BinarySerde.of(AlarmInput.class, INPUT_V1, AlarmInputFormat::write, AlarmInputFormat::read);
    }

    static void write(final AlarmInput input, final BinaryOut out) {
        if (input instanceof AlarmInput.Datapoint datapoint) {
            out.writeByte(DATAPOINT).writeString(datapoint.signature()).writeLong(datapoint.periodStartMs())
                .writeInt(datapoint.periodSeconds()).writeBoolean(datapoint.value() != null)
                .writeDouble(datapoint.value() == null ? 0 : datapoint.value()).writeDouble(datapoint.sampleCount());
        } else if (input instanceof AlarmInput.ChildState child) {
            out.writeByte(CHILD_STATE).writeString(child.child()).writeString(child.state().name())
                .writeLong(child.stateTimestampMs());
        } else if (input instanceof AlarmInput.SetState set) {
            out.writeByte(SET_STATE).writeString(set.commandId()).writeString(set.state().name())
                .writeString(set.reason()).writeString(set.reasonData());
        } else if (input instanceof AlarmInput.DefinitionChanged change) {
            out.writeByte(DEFINITION_CHANGED).writeString(change.kind()).writeString(change.definitionJson())
                .writeLong(change.updatedAtMs());
        } else if (input instanceof AlarmInput.ActionRun run) {
            out.writeByte(ACTION_RUN).writeString(run.transitionId()).writeString(run.action())
                .writeBoolean(run.succeeded()).writeString(run.summary()).writeString(run.data())
                .writeLong(run.atMs());
        } else {
            throw new SerializationException("unknown alarm input " + input.getClass().getSimpleName());
        }
    }

    static AlarmInput read(final BinaryIn in) {
        final int kind = in.readByte();
        return switch (kind) {
            case DATAPOINT -> {
                final String signature = in.readString();
                final long start = in.readLong();
                final int seconds = in.readInt();
                final boolean hasValue = in.readBoolean();
                final double value = in.readDouble();
                yield new AlarmInput.Datapoint(signature, start, seconds, hasValue ? value : null, in.readDouble());
            }
            case CHILD_STATE -> new AlarmInput.ChildState(in.readString(), AlarmStateValue.valueOf(in.readString()),
                in.readLong());
            case SET_STATE -> new AlarmInput.SetState(in.readString(), AlarmStateValue.valueOf(in.readString()),
                in.readString(), in.readString());
            case DEFINITION_CHANGED -> new AlarmInput.DefinitionChanged(in.readString(), in.readString(),
                in.readLong());
            case ACTION_RUN -> new AlarmInput.ActionRun(in.readString(), in.readString(), in.readBoolean(),
                in.readString(), in.readString(), in.readLong());
            default -> throw new SerializationException("unknown alarm input kind " + kind);
        };
    }
}
