package io.pixelgate.schemas;

import io.pixelgate.schemas.serde.ConfluentAvroSerde;
import io.pixelgate.schemas.serde.InputDecoder;
import io.pixelgate.schemas.serde.InputLimits;
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
    private final InputDecoder<V> decoder;

    Topic(final String name, final Class<V> type, final ConfluentAvroSerde<V> valueSerde, final TopicSpec spec,
          final InputLimits limits) {
        this.name = name;
        this.type = type;
        this.valueSerde = valueSerde;
        this.spec = spec;
        this.decoder = spec.checked()
                ? new InputDecoder<>(valueSerde, type, limits.maxValueBytes(), limits)
                : new InputDecoder<>(valueSerde, type, spec.maxMessageBytes(), null);
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

    /**
     * The decoder for raw values read from this topic: framed Avro or JSON, within the input limits
     * for topics users or the edge write, within the topic's record size for Pixelgate's own.
     */
    public InputDecoder<V> decoder() {
        return decoder;
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
