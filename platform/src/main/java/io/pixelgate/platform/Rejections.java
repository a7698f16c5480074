package io.pixelgate.platform;

import io.pixelgate.events.RejectedRecord;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.serde.InputDecoder;
import io.pixelgate.schemas.serde.InvalidInputException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Routes input that cannot be used to the rejected topic, with its source topic, partition, offset,
 * the raw value and a reason, so that nothing is lost and one bad record never stops a stream.
 */
public final class Rejections {

    /** Raw values kept on the rejected topic are cut to this size; rawSize tells the original. */
    public static final int MAX_RAW_VALUE_BYTES = 64 * 1024;

    private Rejections() {
    }

    /**
     * Decodes each raw value with {@code decoder}; values it refuses with an
     * {@link InvalidInputException} go to {@code rejected}, the others go on.
     *
     * @param name base of the processor names, e.g. {@code consent-change}
     */
    public static <V> KStream<String, V> decodeOrReject(final KStream<String, byte[]> raw,
                                                        final Function<byte[], V> decoder,
                                                        final Topic<RejectedRecord> rejected,
                                                        final String name) {
        final Map<String, KStream<String, Decoded<V>>> branches = raw
                .processValues(() -> new DecodingProcessor<>(decoder), Named.as(name + "-decode"))
                .split(Named.as(name + "-"))
                .branch((key, decoded) -> decoded.value() != null, Branched.as("valid"))
                .defaultBranch(Branched.as("invalid"));
        branches.get(name + "-invalid")
                .mapValues(Decoded::rejection, Named.as(name + "-rejection"))
                .to(rejected.name(), Produced.with(rejected.keySerde(), rejected.valueSerde())
                        .withName(name + "-rejected-sink"));
        return branches.get(name + "-valid").mapValues(Decoded::value, Named.as(name + "-decoded"));
    }

    /**
     * {@code topic} read as raw bytes (source {@code <name>-source}) and decoded as framed Avro or
     * JSON of at most {@code maxValueBytes}, then checked by {@code validate}; values refused on the
     * way go to {@code rejected}, as {@link #decodeOrReject} does.
     */
    public static <V extends SpecificRecord> KStream<String, V> readOrReject(
            final StreamsBuilder builder, final Topic<V> topic, final int maxValueBytes,
            final UnaryOperator<V> validate, final Topic<RejectedRecord> rejected, final String name) {
        final InputDecoder<V> decoder = topic.decoder(maxValueBytes);
        return decodeOrReject(builder.stream(topic.name(), Consumed.with(Serdes.String(), Serdes.ByteArray())
                        .withName(name + "-source")),
                raw -> validate.apply(decoder.decode(raw)), rejected, name);
    }

    /** {@code topic} read and decoded as by the method above, with no check beyond decoding. */
    public static <V extends SpecificRecord> KStream<String, V> readOrReject(
            final StreamsBuilder builder, final Topic<V> topic, final int maxValueBytes,
            final Topic<RejectedRecord> rejected, final String name) {
        return readOrReject(builder, topic, maxValueBytes, UnaryOperator.identity(), rejected, name);
    }

    /** A rejected-topic record for a value read at {@code metadata}. */
    public static RejectedRecord rejection(final String topic, final int partition, final long offset,
                                           final byte[] rawValue, final String reason, final Instant at) {
        final byte[] kept = rawValue == null ? null
                : rawValue.length <= MAX_RAW_VALUE_BYTES ? rawValue : Arrays.copyOf(rawValue, MAX_RAW_VALUE_BYTES);
        return RejectedRecord.newBuilder()
                .setSourceTopic(topic)
                .setPartition(partition)
                .setOffset(offset)
                .setReason(reason)
                .setRawValue(kept == null ? null : ByteBuffer.wrap(kept))
                .setRawSize(rawValue == null ? 0 : rawValue.length)
                .setRejectedAt(at)
                .build();
    }

    /** Either a decoded value or the rejection that replaces it. */
    record Decoded<V>(V value, RejectedRecord rejection) {
    }

    private static final class DecodingProcessor<V> implements FixedKeyProcessor<String, byte[], Decoded<V>> {

        private final Function<byte[], V> decoder;
        private FixedKeyProcessorContext<String, Decoded<V>> context;

        DecodingProcessor(final Function<byte[], V> decoder) {
            this.decoder = decoder;
        }

        @Override
        public void init(final FixedKeyProcessorContext<String, Decoded<V>> context) {
            this.context = context;
        }

        @Override
        public void process(final FixedKeyRecord<String, byte[]> record) {
            try {
                context.forward(record.withValue(new Decoded<>(decoder.apply(record.value()), null)));
            } catch (final InvalidInputException invalid) {
                context.forward(record.withValue(new Decoded<>(null, rejectionOf(record.value(), invalid.getMessage()))));
            }
        }

        private RejectedRecord rejectionOf(final byte[] raw, final String reason) {
            final RecordMetadata metadata = context.recordMetadata().orElse(null);
            return rejection(metadata == null ? "unknown" : metadata.topic(),
                    metadata == null ? -1 : metadata.partition(),
                    metadata == null ? -1 : metadata.offset(),
                    raw, reason, Instant.ofEpochMilli(context.currentSystemTimeMs()));
        }
    }
}
