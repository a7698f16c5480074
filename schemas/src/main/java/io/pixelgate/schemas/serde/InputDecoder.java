package io.pixelgate.schemas.serde;

import org.apache.avro.specific.SpecificRecord;

/**
 * Turns a raw input value into the generated type. SPEC.md section 2: an input value is either
 * Confluent-framed Avro or a UTF-8 JSON object; anything else, and any value over the size limit,
 * is invalid. Every failure is an {@link InvalidInputException} whose message is the reason
 * recorded on the rejected topic.
 *
 * <p>Values of topics users write are also checked field by field against {@link InputLimits}
 * ({@link FieldLimits}); values of topics Pixelgate writes itself (read by another of its
 * applications) only against the size limit and Avro's declared sizes.
 */
public final class InputDecoder<T extends SpecificRecord> {

    private final ConfluentAvroSerde<T> avro;
    private final JsonRecordDecoder<T> json;
    private final int maxValueBytes;
    private final int maxItems;
    private final FieldLimits fields;

    /**
     * @param maxValueBytes the largest value accepted
     * @param limits        the limits of every field, or null to check only sizes (Pixelgate's own topics)
     */
    public InputDecoder(final ConfluentAvroSerde<T> avro, final Class<T> type, final int maxValueBytes,
                        final InputLimits limits) {
        this.avro = avro;
        this.json = new JsonRecordDecoder<>(type);
        this.maxValueBytes = maxValueBytes;
        this.maxItems = limits == null ? ConfluentAvroSerde.DEFAULT_MAX_ITEMS : limits.maxCollectionItems();
        this.fields = limits == null ? null : new FieldLimits(limits);
    }

    /** The largest value this decoder accepts, in bytes. */
    public int maxValueBytes() {
        return maxValueBytes;
    }

    /**
     * @param value      the raw value
     * @param receivedAt when the cluster received it (the record's timestamp), to judge event times
     */
    public T decode(final byte[] value, final long receivedAt) {
        if (value == null) {
            throw new InvalidInputException("value is null");
        }
        if (value.length > maxValueBytes) {
            throw new InvalidInputException("value of " + value.length + " bytes is over the limit of "
                    + maxValueBytes + " bytes (" + (fields != null ? InputLimits.MAX_VALUE_BYTES
                    : "the topic's max.message.bytes") + ")");
        }
        final T decoded;
        if (value.length > 0 && value[0] == ConfluentAvroSerde.MAGIC_BYTE) {
            decoded = avro.decode(value, maxItems);
        } else if (startsLikeJsonObject(value)) {
            decoded = json.decode(value);
        } else {
            throw new InvalidInputException(
                    "value is neither Confluent-framed Avro (magic byte 0) nor a UTF-8 JSON object");
        }
        if (fields != null) {
            fields.check(decoded, receivedAt);
        }
        return decoded;
    }

    private static boolean startsLikeJsonObject(final byte[] value) {
        for (final byte b : value) {
            if (b == '{') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return false;
    }
}
