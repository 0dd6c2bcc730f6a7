package io.trailwatch.sinks.archive;

import org.apache.kafka.common.KafkaException;

/** A record that can never be archived as it is: its message is the reason the dead-letter queue records. */
public final class UnarchivableRecordException extends KafkaException {

    public UnarchivableRecordException(final String message) {
        super(message);
    }

    public UnarchivableRecordException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
