package io.pixelgate.schemas.serde;

import io.pixelgate.schemas.registry.SchemaRegistryClient;
import io.pixelgate.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro values in the Confluent wire format: byte 0, the 4-byte big-endian schema id, then Avro
 * binary. Writing registers the type's schema under {@code <topic>-value}; reading resolves the
 * writer's schema (fetched by id) against this type's schema, so older and newer producers both read.
 * A null value stays null both ways, so tombstones pass through.
 */
public final class ConfluentAvroSerde<T extends SpecificRecord> implements Serde<T> {

    /** The first byte of every framed value. */
    public static final byte MAGIC_BYTE = 0;
    /** Magic byte plus schema id. */
    public static final int HEADER_SIZE = 5;
    /** Items an array or map of a value Pixelgate wrote itself may declare (only a bound against forged sizes). */
    public static final int DEFAULT_MAX_ITEMS = 10_000;
    /** How long a schema id the registry refused is refused without asking again. */
    static final Duration REFUSAL_MEMORY = Duration.ofMinutes(5);
    private static final int MAX_REFUSALS_KEPT = 10_000;

    private final Class<T> type;
    private final Schema readerSchema;
    private final SpecificData model;
    private final SchemaRegistryClient registry;
    private final SpecificDatumWriter<T> writer;
    private final Map<Integer, SpecificDatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> writerSchemas = new ConcurrentHashMap<>();
    private final Map<Integer, Refusal> refusedIds = new ConcurrentHashMap<>();
    // The id per topic, once known: asking the registry client each time costs a Schema.toString()
    // per value (its cache key), which was most of the CPU of a Streams app writing Avro.
    private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();
    // One output buffer and encoder, one decoder, per thread: a value's bytes are copied out once,
    // and the buffered encoder writes strings in bulk where the direct one wrote them byte by byte.
    private final ThreadLocal<Encoding> encodings = ThreadLocal.withInitial(Encoding::new);
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

    public ConfluentAvroSerde(final Class<T> type, final SchemaRegistryClient registry) {
        this.type = type;
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
        this.registry = registry;
        this.writer = new SpecificDatumWriter<>(readerSchema, model);
    }

    /** The Avro schema of {@code T}. */
    public Schema schema() {
        return readerSchema;
    }

    /** The subject a value schema is registered under for {@code topic}. */
    public static String subjectOf(final String topic) {
        return topic + "-value";
    }

    /** Registers this type's schema for {@code topic} (once per serde) and returns its id. */
    public int register(final String topic) {
        final Integer known = idsByTopic.get(topic);
        if (known != null) {
            return known;
        }
        final int id = registry.register(subjectOf(topic), readerSchema);
        idsByTopic.put(topic, id);
        return id;
    }

    /** Encodes {@code value} framed with the id registered for {@code topic}. */
    public byte[] encode(final String topic, final T value) {
        final int id = register(topic);
        final Encoding encoding = encodings.get();
        final ByteArrayOutputStream out = encoding.start();
        out.write(MAGIC_BYTE);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        try {
            writer.write(value, encoding.encoder);
            encoding.encoder.flush();
        } catch (final IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
            // The encoder may hold part of the failed value: the next value gets a fresh one.
            encodings.remove();
            throw new IllegalArgumentException("cannot encode " + type.getSimpleName() + " for " + topic + ": " + e, e);
        }
        return out.toByteArray();
    }

    /** A thread's output buffer and the buffered encoder that writes into it. */
    private static final class Encoding {
        /** A buffer that grew past this for one large value is dropped afterwards, not kept per thread. */
        private static final int KEPT_BYTES = 64 * 1024;

        private ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        private BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);

        ByteArrayOutputStream start() {
            if (out.size() > KEPT_BYTES) {
                out = new ByteArrayOutputStream(1024);
                encoder = EncoderFactory.get().binaryEncoder(out, encoder);
            }
            out.reset();
            return out;
        }
    }

    /**
     * Decodes a framed value, refusing arrays or maps declared larger than {@link #DEFAULT_MAX_ITEMS}
     * items: for values Pixelgate wrote itself; input goes through {@link InputDecoder}.
     */
    public T decode(final byte[] framed) {
        return decode(framed, DEFAULT_MAX_ITEMS);
    }

    /**
     * Decodes a framed value. Throws {@link InvalidInputException} naming what is wrong: no magic
     * byte, an id the registry does not know or refuses to give, a writer schema that does not
     * resolve to {@code T}, bytes that are not valid Avro for that schema, or a string, bytes value,
     * array or map declared larger than the value or than {@code maxItems} items (refused before
     * anything is allocated for it). A registry that cannot answer now (unreachable, 5xx, 429) is a
     * {@link SchemaRegistryException}: not the record's fault, so the caller retries.
     */
    public T decode(final byte[] framed, final int maxItems) {
        if (framed.length < HEADER_SIZE || framed[0] != MAGIC_BYTE) {
            throw new InvalidInputException("not in the Confluent Avro wire format (magic byte 0 and a schema id)");
        }
        final int id = ByteBuffer.wrap(framed, 1, 4).getInt();
        final SpecificDatumReader<T> reader = readerFor(id);
        final BinaryDecoder binary = DecoderFactory.get()
                .binaryDecoder(framed, HEADER_SIZE, framed.length - HEADER_SIZE, decoders.get());
        decoders.set(binary);
        final BoundedDecoder decoder = new BoundedDecoder(binary, framed.length - HEADER_SIZE, maxItems);
        try {
            final T value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new InvalidInputException("Avro value with schema id " + id + " has trailing bytes");
            }
            return value;
        } catch (final BoundedDecoder.AvroLimitException refused) {
            throw located(writerSchemas.get(id), framed, maxItems, refused);
        } catch (final IOException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException("Avro value with schema id " + id + " does not decode as "
                    + readerSchema.getFullName() + ": " + e.getMessage(), e);
        }
    }

    private SpecificDatumReader<T> readerFor(final int id) {
        final SpecificDatumReader<T> cached = readersByWriterId.get(id);
        if (cached != null) {
            return cached;
        }
        final Refusal refusal = refusedIds.get(id);
        if (refusal != null && refusal.until() > System.currentTimeMillis()) {
            throw new InvalidInputException(refusal.reason());
        }
        final Schema writerSchema;
        try {
            writerSchema = registry.byId(id);
        } catch (final SchemaRegistryException e) {
            if (e.transientFailure()) {
                throw e;
            }
            throw refuse(id, e.notFound() ? "schema id " + id + " is unknown to the registry"
                    : "schema id " + id + " was refused by the registry (HTTP " + e.status() + "): " + e.getMessage());
        }
        if (!writerSchema.getFullName().equals(readerSchema.getFullName())) {
            throw new InvalidInputException("schema id " + id + " is " + writerSchema.getFullName()
                    + ", expected " + readerSchema.getFullName());
        }
        final SpecificDatumReader<T> reader = new SpecificDatumReader<>(writerSchema, readerSchema, model);
        writerSchemas.put(id, writerSchema);
        readersByWriterId.put(id, reader);
        return reader;
    }

    /** {@code refused}, naming the field it happened in, found by reading {@code framed} again slowly. */
    private static InvalidInputException located(final Schema writer, final byte[] framed, final int maxItems,
                                                 final BoundedDecoder.AvroLimitException refused) {
        try {
            new FieldLocatingReader(writer, writer).read(null, new BoundedDecoder(DecoderFactory.get()
                    .binaryDecoder(framed, HEADER_SIZE, framed.length - HEADER_SIZE, null),
                    framed.length - HEADER_SIZE, maxItems));
        } catch (final BoundedDecoder.AvroLimitException locatedRefusal) {
            return locatedRefusal.toInvalidInput();
        } catch (final IOException | RuntimeException other) {
            // the slow read failed elsewhere first: keep the first refusal, without its field
        }
        return refused.toInvalidInput();
    }

    /**
     * Remembers for {@link #REFUSAL_MEMORY} that the registry refused {@code id}, so a flood of
     * records naming it does not become a flood of registry calls.
     */
    private InvalidInputException refuse(final int id, final String reason) {
        if (refusedIds.size() >= MAX_REFUSALS_KEPT) {
            refusedIds.clear();
        }
        refusedIds.put(id, new Refusal(reason, System.currentTimeMillis() + REFUSAL_MEMORY.toMillis()));
        return new InvalidInputException(reason);
    }

    /** Why the registry refused an id, and until when that answer is trusted without asking again. */
    private record Refusal(String reason, long until) {
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : encode(topic, value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }
}
