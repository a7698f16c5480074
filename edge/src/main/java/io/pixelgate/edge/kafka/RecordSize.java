package io.pixelgate.edge.kafka;

import java.util.Collection;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The size a record will take once encoded, estimated when it is offered: encoding waits for the
 * sender thread (it may need the schema registry), but the byte bound must be checked at once.
 * Strings count their UTF-8 length, which is what Avro writes; the rest a few bytes each.
 */
final class RecordSize {

    /** Kafka's own framing of one record in a batch (attributes, offsets, lengths), rounded up. */
    static final int RECORD_OVERHEAD = 32;
    /** The Confluent wire-format header: magic byte and schema id. */
    static final int VALUE_HEADER = 5;
    private static final int SCALAR = 8;

    private RecordSize() {
    }

    static long estimate(final String key, final SpecificRecord value) {
        return RECORD_OVERHEAD + VALUE_HEADER + (key == null ? 0 : utf8Length(key)) + sizeOf(value);
    }

    private static long sizeOf(final Object value) {
        if (value == null) {
            return 1;
        }
        if (value instanceof CharSequence text) {
            return SCALAR + utf8Length(text);
        }
        if (value instanceof SpecificRecord record) {
            final List<Schema.Field> fields = record.getSchema().getFields();
            long size = 0;
            for (int i = 0; i < fields.size(); i++) {
                size += sizeOf(record.get(i));
            }
            return size;
        }
        if (value instanceof Collection<?> items) {
            long size = SCALAR;
            for (final Object item : items) {
                size += sizeOf(item);
            }
            return size;
        }
        return SCALAR;
    }

    static int utf8Length(final CharSequence text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                length += 4; // with the low surrogate that follows
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
