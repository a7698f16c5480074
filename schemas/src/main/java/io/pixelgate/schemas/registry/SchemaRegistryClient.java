package io.pixelgate.schemas.registry;

import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry REST API that Pixelgate uses. Implementations cache
 * both ways: a schema registered or fetched once is never asked for again.
 */
public interface SchemaRegistryClient {

    /** Registers {@code schema} under {@code subject} (idempotent) and returns its global id. */
    int register(String subject, Schema schema);

    /** The schema with this global id; throws {@link SchemaRegistryException} when unknown. */
    Schema byId(int id);

    /** The latest schema registered under {@code subject}, with its id. */
    RegisteredSchema latest(String subject);

    /** Where this client talks to, for error messages and logs. */
    String describe();

    /** A schema and the id the registry gave it. */
    record RegisteredSchema(int id, Schema schema) {
    }
}
