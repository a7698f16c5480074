package io.pixelgate.schemas.serde;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Checks a decoded input value against {@link InputLimits}, field by field, as its schema declares
 * them (see {@link InputLimits} for the {@code pixelgate.limit} and {@code pixelgate.time} field
 * properties). The same checks apply whether the value came as Avro or as JSON.
 */
final class FieldLimits {

    /** Field property naming the size class of a string field: {@code id}, {@code html}, {@code token}; else free text. */
    static final String LIMIT_PROPERTY = "pixelgate.limit";
    /** Field property marking a timestamp as an event time: {@code event}. */
    static final String TIME_PROPERTY = "pixelgate.time";

    private final InputLimits limits;

    FieldLimits(final InputLimits limits) {
        this.limits = limits;
    }

    /**
     * Throws {@link InvalidInputException} naming the first field over its limit.
     *
     * @param receivedAt when the cluster received the record (its timestamp), for event times
     */
    void check(final IndexedRecord value, final long receivedAt) {
        record(value, "", receivedAt);
    }

    private void record(final IndexedRecord record, final String prefix, final long receivedAt) {
        for (final Schema.Field field : record.getSchema().getFields()) {
            final Object datum = record.get(field.pos());
            if (datum != null) {
                value(datum, nonNull(field.schema()), field, prefix + field.name(), receivedAt);
            }
        }
    }

    private void value(final Object datum, final Schema type, final Schema.Field field, final String path,
                       final long receivedAt) {
        switch (type.getType()) {
            case STRING -> text(datum.toString(), field, path);
            case RECORD -> record((IndexedRecord) datum, path + ".", receivedAt);
            case ARRAY -> {
                final Collection<?> items = (Collection<?>) datum;
                count(items.size(), path);
                for (final Object item : items) {
                    if (item != null) {
                        value(item, nonNull(type.getElementType()), field, path, receivedAt);
                    }
                }
            }
            case MAP -> {
                final Map<?, ?> entries = (Map<?, ?>) datum;
                count(entries.size(), path);
                for (final Map.Entry<?, ?> entry : entries.entrySet()) {
                    text(entry.getKey().toString(), null, path);
                    if (entry.getValue() != null) {
                        value(entry.getValue(), nonNull(type.getValueType()), field, path, receivedAt);
                    }
                }
            }
            case LONG -> {
                if (type.getLogicalType() instanceof LogicalTypes.TimestampMillis && datum instanceof Instant instant) {
                    time(instant, "event".equals(field.getProp(TIME_PROPERTY)), path, receivedAt);
                }
            }
            default -> {
                // enums, booleans and numbers carry no size of their own
            }
        }
    }

    private void text(final String text, final Schema.Field field, final String path) {
        final String kind = field == null ? null : field.getProp(LIMIT_PROPERTY);
        if ("html".equals(kind)) {
            final long bytes = utf8Length(text);
            if (bytes > limits.maxHtmlBytes()) {
                throw over(path, bytes + " bytes", limits.maxHtmlBytes(), InputLimits.MAX_HTML_BYTES);
            }
        } else if ("token".equals(kind)) {
            if (text.length() > InputLimits.MAX_TOKEN_CHARS) {
                throw over(path, text.length() + " characters", InputLimits.MAX_TOKEN_CHARS, "the longest token issued");
            }
        } else if ("id".equals(kind)) {
            if (text.length() > limits.maxIdChars()) {
                throw over(path, text.length() + " characters", limits.maxIdChars(), InputLimits.MAX_ID_CHARS);
            }
        } else if (text.length() > limits.maxTextChars()) {
            throw over(path, text.length() + " characters", limits.maxTextChars(), InputLimits.MAX_TEXT_CHARS);
        }
    }

    private void count(final int items, final String path) {
        if (items > limits.maxCollectionItems()) {
            throw over(path, items + " items", limits.maxCollectionItems(), InputLimits.MAX_COLLECTION_ITEMS);
        }
    }

    private void time(final Instant time, final boolean eventTime, final String path, final long receivedAt) {
        if (time.isBefore(limits.minEventTime())) {
            throw InvalidInputException.field(path, time + " is before " + limits.minEventTime()
                    + ", the oldest time accepted (" + InputLimits.MIN_EVENT_TIME + ")");
        }
        if (time.isAfter(InputLimits.MAX_TIME)) {
            throw InvalidInputException.field(path, time + " is after " + InputLimits.MAX_TIME);
        }
        final Instant received = Instant.ofEpochMilli(receivedAt);
        if (eventTime && time.isAfter(received.plus(limits.maxClockSkew()))) {
            throw InvalidInputException.field(path, time + " is " + Duration.between(received, time)
                    + " ahead of when the record was received (" + received + "), more than the "
                    + limits.maxClockSkew() + " allowed (" + InputLimits.MAX_CLOCK_SKEW + ")");
        }
    }

    private static InvalidInputException over(final String path, final String size, final long limit,
                                              final String setting) {
        return InvalidInputException.field(path, size + ", over the limit of " + limit + " (" + setting + ")");
    }

    private static Schema nonNull(final Schema type) {
        if (type.getType() != Schema.Type.UNION) {
            return type;
        }
        for (final Schema branch : type.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                return branch;
            }
        }
        return type;
    }

    /** The UTF-8 length of {@code text}, without encoding it. */
    static long utf8Length(final CharSequence text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
