package io.pixelgate.devcluster;

/** A Kafka cluster on this machine: one broker in this JVM, or several in child processes. */
public interface LocalKafka extends AutoCloseable {

    String bootstrapServers();

    /** How many brokers it has, which bounds the replication its topics can have. */
    int brokers();

    /**
     * The replication its internal topics have, and Pixelgate's topics should have: three replicas
     * from three brokers on (two in sync, so that one broker can be down), else one per broker.
     */
    default int replicationFactor() {
        return replicationFactor(brokers());
    }

    static int replicationFactor(final int brokers) {
        return Math.min(3, brokers);
    }

    @Override
    void close();
}
