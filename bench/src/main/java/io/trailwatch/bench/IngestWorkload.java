package io.trailwatch.bench;

/**
 * One kind of ingestion, two ways in: a plain Kafka producer writing a call's records, and an AWS SDK client making
 * the same call against Trailwatch.
 */
interface IngestWorkload {

    /** One call's work, on client thread {@code thread} (each thread has its own clients). */
    @FunctionalInterface
    interface Call {
        void run(int thread) throws Exception;
    }

    String name();

    /** The AWS protocol the SDK speaks for it. */
    String protocol();

    int itemsPerCall();

    /** The bytes of one call's records on the topic (keys and Avro values). */
    long recordBytesPerCall();

    Call producerCall();

    Call awsCall();
}
