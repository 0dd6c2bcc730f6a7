package io.trailwatch.schemas.registry;

import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry REST API that a wire-format serde needs.
 * Implementations must be thread-safe: one client is shared by every serde of a process.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /** Registers the schema under the subject (idempotent) and returns its global id. */
    int register(String subject, Schema schema);

    /** Returns the id of a schema already registered under the subject, without registering it. */
    int idOf(String subject, Schema schema);

    /** Returns the schema with the given global id. */
    Schema schemaById(int id);

    /** Sets the compatibility level of a subject, or the global default when subject is null. */
    void setCompatibility(String subject, CompatibilityLevel level);

    /** Returns whether the schema may be registered under the subject by its compatibility rules. */
    boolean isCompatible(String subject, Schema schema);

    @Override
    void close();
}
