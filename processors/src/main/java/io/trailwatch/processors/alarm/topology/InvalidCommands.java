package io.trailwatch.processors.alarm.topology;

import io.trailwatch.avro.AlarmCommand;
import io.trailwatch.processors.common.Counters;
import io.trailwatch.processors.common.DeadLetters;
import io.trailwatch.processors.common.Routed;
import io.trailwatch.schemas.Topics;
import io.trailwatch.schemas.json.InvalidRecordException;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Sends alarm commands that cannot be applied to the dead-letter topic, with the reason, and counts them. */
final class InvalidCommands implements Processor<String, AlarmCommand, String, Routed> {

    private ProcessorContext<String, Routed> context;
    private Sensor invalid;

    @Override
    public void init(final ProcessorContext<String, Routed> context) {
        this.context = context;
        this.invalid = Counters.sensor(context, "alarm-commands", "invalid-commands");
    }

    @Override
    public void process(final Record<String, AlarmCommand> record) {
        invalid.record();
        if (record.value() == null) {
            return; // a tombstone carries nothing to keep; counted above
        }
        final String reason = AlarmCommands.problem(record.value()).orElse("(value): invalid");
        context.forward(record.withValue(Routed.deadLetter(Topics.DEADLETTER, Topics.ALARM_COMMANDS.name(),
            record.value())).withHeaders(DeadLetters.headers(context.recordMetadata().orElse(null),
            InvalidRecordException.class.getName(), reason)));
    }
}
