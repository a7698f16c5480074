package io.pixelgate.schemas;

import io.pixelgate.schemas.serde.ConfluentAvroSerde;
import io.pixelgate.schemas.serde.InputDecoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One Pixelgate topic: its full name (prefix included), its key and value serdes and how it is
 * created. Keys are always UTF-8 strings; values are Confluent-framed Avro of {@code V}.
 */
public final class Topic<V extends SpecificRecord> {

    private final String name;
    private final Class<V> type;
    private final ConfluentAvroSerde<V> valueSerde;
    private final TopicSpec spec;

    Topic(final String name, final Class<V> type, final ConfluentAvroSerde<V> valueSerde, final TopicSpec spec) {
        this.name = name;
        this.type = type;
        this.valueSerde = valueSerde;
        this.spec = spec;
    }

    public String name() {
        return name;
    }

    public Class<V> type() {
        return type;
    }

    public Serde<String> keySerde() {
        return Serdes.String();
    }

    public ConfluentAvroSerde<V> valueSerde() {
        return valueSerde;
    }

    public TopicSpec spec() {
        return spec;
    }

    /** A decoder for raw input values of this topic: framed Avro or JSON, at most {@code maxValueBytes}. */
    public InputDecoder<V> decoder(final int maxValueBytes) {
        return new InputDecoder<>(valueSerde, type, maxValueBytes);
    }

    /** Registers the value schema under {@code <name>-value} and returns its id. */
    public int registerSchema() {
        return valueSerde.register(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
