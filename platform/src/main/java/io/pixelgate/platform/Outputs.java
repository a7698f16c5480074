package io.pixelgate.platform;

import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.serde.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Produced;

/**
 * How processors write outputs: encoded by the processor itself, checked against what the topic
 * takes before anything is written, and sent as bytes. A processor that encodes its outputs before
 * it writes its stores learns that an output cannot be written while it can still reject the input
 * with nothing changed (SPEC.md section 5); and the value is encoded once, not once more in the sink.
 */
public final class Outputs {

    /** Room left in a topic's {@code max.message.bytes} for the batch and record headers. */
    static final int RECORD_OVERHEAD_BYTES = 1024;

    private Outputs() {
    }

    /**
     * The bytes of {@code value} for {@code topic}; throws {@link InvalidInputException} naming the
     * topic and its limit when the record would be larger than the topic takes, so that the input
     * goes to the rejected topic instead of failing the producer.
     */
    public static <V extends SpecificRecord> byte[] encode(final Topic<V> topic, final String key, final V value) {
        final byte[] bytes = topic.valueSerde().encode(topic.name(), value);
        final int keyBytes = key == null ? 0 : key.length() * 3 < 4096 ? key.length() * 3
                : key.getBytes(StandardCharsets.UTF_8).length;
        final int limit = topic.spec().maxMessageBytes() - RECORD_OVERHEAD_BYTES;
        if (bytes.length + keyBytes > limit) {
            throw new InvalidInputException("its output to " + topic.name() + " would be " + (bytes.length + keyBytes)
                    + " bytes, over the " + limit + " bytes that topic takes");
        }
        return bytes;
    }

    /** A sink of values encoded by {@link #encode}. */
    public static Produced<String, byte[]> encoded(final Topic<?> topic, final String name) {
        return Produced.with(Serdes.String(), Serdes.ByteArray()).withName(name);
    }

    /** A sink of typed values, encoded by the topic's serde. */
    public static <V extends SpecificRecord> Produced<String, V> produced(final Topic<V> topic, final String name) {
        return Produced.with(topic.keySerde(), topic.valueSerde()).withName(name);
    }
}
