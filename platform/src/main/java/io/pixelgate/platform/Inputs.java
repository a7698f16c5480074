package io.pixelgate.platform;

import io.pixelgate.events.RejectedRecord;
import io.pixelgate.platform.PoisonRecords.Refused;
import io.pixelgate.platform.Rejections.Source;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.Topics;
import io.pixelgate.schemas.serde.InputDecoder;
import io.pixelgate.schemas.serde.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KeyValueMapper;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Where the fate of every input record is decided (SPEC.md section 5): a topology reads each of its
 * inputs through here, and each record either goes on, decoded and checked, or lands on the rejected
 * topic with a reason that names the field and the limit, and processing goes on.
 *
 * <p>The gate, in order: an input the producer refused to write out before ({@link PoisonRecords}),
 * a key over {@code input.max.key.bytes}, a missing value, a value over its size limit, one that is
 * neither framed Avro nor strict JSON, a field over its limit (the topic's decoder), and last the
 * application's own rule. A record refused later, while its outputs are made (they would be too
 * large, say), is routed by {@link RejectingExceptionHandler}; processors check such things before
 * they write any store, so a rejection never leaves half a change behind.
 */
public final class Inputs {

    private final StreamsBuilder builder;
    private final Topic<RejectedRecord> rejected;
    private final int maxKeyBytes;

    public Inputs(final StreamsBuilder builder, final Topics topics) {
        this.builder = builder;
        this.rejected = topics.rejected();
        this.maxKeyBytes = topics.limits().maxKeyBytes();
    }

    /** {@code topic} read from source {@code <name>-source}, decoded and checked by the topic's decoder. */
    public <V extends SpecificRecord> KStream<String, V> read(final Topic<V> topic, final String name) {
        return read(topic, name, UnaryOperator.identity());
    }

    /** As {@link #read(Topic, String)}, then checked by {@code validate}, which throws {@link InvalidInputException}. */
    public <V extends SpecificRecord> KStream<String, V> read(final Topic<V> topic, final String name,
                                                              final UnaryOperator<V> validate) {
        return gate(raw(topic, name), topic.decoder(), validate, false, name);
    }

    /**
     * {@code topic}, a compacted one, read as {@link #read(Topic, String, UnaryOperator)} reads, except
     * that a tombstone goes on as a null value (its key deleted) instead of being rejected, and that a
     * record without a key is rejected (a compacted topic refuses to store it).
     */
    public <V extends SpecificRecord> KStream<String, V> readCompacted(final Topic<V> topic, final String name,
                                                                       final UnaryOperator<V> validate) {
        return gate(raw(topic, name), topic.decoder(), validate, true, name);
    }

    /**
     * Re-keys valid input by {@code key} through repartition topic {@code repartitioned}, first
     * stamping each record with where it was read ({@link Rejections#SOURCE_HEADER}), so that a
     * rejection after the repartition names the user's topic, offset and key. The repartitioned
     * records pass the poison check again: they are the input of the next sub-topology.
     */
    public <V> KStream<String, V> repartition(final KStream<String, V> valid, final String name,
                                              final KeyValueMapper<String, V, String> key,
                                              final Repartitioned<String, V> repartitioned) {
        final KStream<String, V> shuffled = valid
                .processValues(SourceStamp::new, Named.as(name + "-stamp-source"))
                .selectKey(key, Named.as(name + "-key"))
                .repartition(repartitioned);
        return split(shuffled.processValues(PoisonGate::new, Named.as(name + "-repartitioned-gate")),
                name + "-repartitioned");
    }

    private <V extends SpecificRecord> KStream<String, byte[]> raw(final Topic<V> topic, final String name) {
        return builder.stream(topic.name(), Consumed.with(Serdes.String(), Serdes.ByteArray())
                .withName(name + "-source"));
    }

    private <V extends SpecificRecord> KStream<String, V> gate(final KStream<String, byte[]> raw,
                                                               final InputDecoder<V> decoder,
                                                               final UnaryOperator<V> validate,
                                                               final boolean tombstones, final String name) {
        return split(raw.processValues(() -> new InputGate<>(decoder, validate, tombstones, maxKeyBytes),
                Named.as(name + "-decode")), name);
    }

    /** Sends the rejections of a gate to the rejected topic and returns the records that passed it. */
    private <V> KStream<String, V> split(final KStream<String, Gated<V>> gated, final String name) {
        final Map<String, KStream<String, Gated<V>>> branches = gated
                .split(Named.as(name + "-"))
                .branch((key, result) -> result.rejection() == null, Branched.as("valid"))
                .defaultBranch(Branched.as("invalid"));
        branches.get(name + "-invalid")
                .selectKey((key, result) -> result.rejectedKey(), Named.as(name + "-rejection-key"))
                .mapValues(Gated::rejection, Named.as(name + "-rejection"))
                .to(rejected.name(), Produced.with(rejected.keySerde(), rejected.valueSerde())
                        .withName(name + "-rejected-sink"));
        return branches.get(name + "-valid").mapValues(Gated::value, Named.as(name + "-decoded"));
    }

    /** A record that passed a gate (its value, null for a tombstone) or the rejection replacing it. */
    record Gated<V>(V value, RejectedRecord rejection, String rejectedKey) {

        static <V> Gated<V> passed(final V value) {
            return new Gated<>(value, null, null);
        }
    }

    /** The part every gate shares: the poison check and how a rejection is made. */
    private abstract static class Gate<I, V> implements FixedKeyProcessor<String, I, Gated<V>> {

        private FixedKeyProcessorContext<String, Gated<V>> context;
        private PoisonRecords poison;

        @Override
        public void init(final FixedKeyProcessorContext<String, Gated<V>> context) {
            this.context = context;
            this.poison = (PoisonRecords) context.appConfigs().get(PoisonRecords.CONFIG);
        }

        @Override
        public final void process(final FixedKeyRecord<String, I> record) {
            final RecordMetadata at = context.recordMetadata().orElse(null);
            final Optional<Refused> refused = poison == null || at == null ? Optional.empty()
                    : poison.find(at.topic(), at.partition(), at.offset());
            if (refused.isPresent()) {
                final Refused was = refused.get();
                context.forward(record.withValue(rejected(record, was.rawValue(), was.reason())));
                return;
            }
            try {
                context.forward(record.withValue(Gated.passed(pass(record))));
            } catch (final InvalidInputException invalid) {
                context.forward(record.withValue(rejected(record, raw(record), invalid.getMessage())));
            }
        }

        /** The value that goes on; throws {@link InvalidInputException} to reject the record. */
        abstract V pass(FixedKeyRecord<String, I> record);

        /** The input's bytes as received, for the rejected record. */
        abstract byte[] raw(FixedKeyRecord<String, I> record);

        private Gated<V> rejected(final FixedKeyRecord<String, I> record, final byte[] raw, final String reason) {
            final Source source = Source.of(record.headers());
            final RecordMetadata at = context.recordMetadata().orElse(null);
            final Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
            if (source != null) {
                return new Gated<>(null, Rejections.rejection(source.topic(), source.partition(), source.offset(), raw,
                        reason, now), Rejections.key(source.key()));
            }
            return new Gated<>(null, Rejections.rejection(at == null ? "unknown" : at.topic(),
                    at == null ? -1 : at.partition(), at == null ? -1 : at.offset(), raw, reason, now),
                    Rejections.key(record.key()));
        }
    }

    /** The gate of an input topic: key, value, decoding, field limits, the application's rule. */
    private static final class InputGate<V extends SpecificRecord> extends Gate<byte[], V> {

        private final InputDecoder<V> decoder;
        private final UnaryOperator<V> validate;
        private final boolean tombstones;
        private final int maxKeyBytes;

        InputGate(final InputDecoder<V> decoder, final UnaryOperator<V> validate, final boolean tombstones,
                  final int maxKeyBytes) {
            this.decoder = decoder;
            this.validate = validate;
            this.tombstones = tombstones;
            this.maxKeyBytes = maxKeyBytes;
        }

        @Override
        V pass(final FixedKeyRecord<String, byte[]> record) {
            if (record.key() != null && record.key().length() > maxKeyBytes / 4
                    && record.key().getBytes(StandardCharsets.UTF_8).length > maxKeyBytes) {
                throw new InvalidInputException("key of " + record.key().getBytes(StandardCharsets.UTF_8).length
                        + " bytes is over the limit of " + maxKeyBytes + " bytes (input.max.key.bytes)");
            }
            if (tombstones && record.key() == null) {
                throw new InvalidInputException("key is required: records of a compacted topic are kept by key");
            }
            if (record.value() == null && tombstones) {
                return null;
            }
            return validate.apply(decoder.decode(record.value(), record.timestamp()));
        }

        @Override
        byte[] raw(final FixedKeyRecord<String, byte[]> record) {
            return record.value();
        }
    }

    /** The gate after a repartition: only the poison check, the record was checked before it. */
    private static final class PoisonGate<V> extends Gate<V, V> {

        @Override
        V pass(final FixedKeyRecord<String, V> record) {
            return record.value();
        }

        @Override
        byte[] raw(final FixedKeyRecord<String, V> record) {
            return null;
        }
    }

    /** Stamps a record with where it was read, before a repartition loses that. */
    private static final class SourceStamp<V> implements FixedKeyProcessor<String, V, V> {

        private FixedKeyProcessorContext<String, V> context;

        @Override
        public void init(final FixedKeyProcessorContext<String, V> context) {
            this.context = context;
        }

        @Override
        public void process(final FixedKeyRecord<String, V> record) {
            context.recordMetadata().ifPresent(at -> record.headers().remove(Rejections.SOURCE_HEADER)
                    .add(Rejections.SOURCE_HEADER,
                            new Source(at.topic(), at.partition(), at.offset(), record.key()).toHeader()));
            context.forward(record);
        }
    }
}
