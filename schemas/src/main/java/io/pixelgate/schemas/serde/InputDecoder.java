package io.pixelgate.schemas.serde;

import org.apache.avro.specific.SpecificRecord;

/**
 * Turns a raw input value into the generated type. SPEC.md section 2: an input value is either
 * Confluent-framed Avro or a UTF-8 JSON object; anything else, and any value over the size limit,
 * is invalid. Every failure is an {@link InvalidInputException} whose message is the reason
 * recorded on the rejected topic.
 */
public final class InputDecoder<T extends SpecificRecord> {

    private final ConfluentAvroSerde<T> avro;
    private final JsonRecordDecoder<T> json;
    private final int maxValueBytes;

    public InputDecoder(final ConfluentAvroSerde<T> avro, final Class<T> type, final int maxValueBytes) {
        this.avro = avro;
        this.json = new JsonRecordDecoder<>(type);
        this.maxValueBytes = maxValueBytes;
    }

    public T decode(final byte[] value) {
        if (value == null) {
            throw new InvalidInputException("value is null");
        }
        if (value.length > maxValueBytes) {
            throw new InvalidInputException("value of " + value.length + " bytes is over the limit of "
                    + maxValueBytes + " bytes");
        }
        if (value.length > 0 && value[0] == ConfluentAvroSerde.MAGIC_BYTE) {
            return avro.decode(value);
        }
        if (startsLikeJsonObject(value)) {
            return json.decode(value);
        }
        throw new InvalidInputException("value is neither Confluent-framed Avro (magic byte 0) nor a UTF-8 JSON object");
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
