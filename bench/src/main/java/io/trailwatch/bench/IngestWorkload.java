package io.trailwatch.bench;

/**
 * One kind of ingestion, two ways in: a plain Kafka producer writing a call's records, and an AWS SDK client making
 * the same call against Trailwatch.
 *
 * @param protocol           the AWS protocol the SDK speaks for it
 * @param recordBytesPerCall the bytes of one call's records on the topic (keys and Avro values)
 * @param producerCall       the baseline's call
 * @param awsCall            the SDK's call
 */
record IngestWorkload(String name, String protocol, int itemsPerCall, long recordBytesPerCall, Call producerCall,
                      Call awsCall) {

    /** One call's work, on client thread {@code thread} (each thread has its own clients). */
    @FunctionalInterface
    interface Call {
        void run(int thread) throws Exception;
    }
}
