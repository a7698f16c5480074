package io.pixelgate.schemas.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Decodes a UTF-8 JSON object with the Avro field names into the generated type, following its
 * schema: a field without a default and not nullable is required, enums must name a symbol,
 * timestamps are ISO-8601 strings (or epoch milliseconds). Unknown fields are ignored so that a
 * newer producer does not break an older reader. Errors name the field path and the rule.
 *
 * <p>Strict where leniency would change meaning: bytes that are not valid UTF-8 are refused rather
 * than repaired with replacement characters, and a key given twice is refused rather than the last
 * one winning ({@code "status":"WITHDRAWN", ..., "status":"GRANTED"} must not grant).
 */
public final class JsonRecordDecoder<T extends SpecificRecord> {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Schema schema;
    private final SpecificData model;

    public JsonRecordDecoder(final Class<T> type) {
        this.model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
    }

    /** Decodes {@code utf8Json}; throws {@link InvalidInputException} when it is not a valid T. */
    @SuppressWarnings("unchecked")
    public T decode(final byte[] utf8Json) {
        final JsonNode root;
        try {
            root = JSON.readTree(strictUtf8(utf8Json));
        } catch (final JsonProcessingException e) {
            final String problem = e.getOriginalMessage();
            if (problem != null && problem.startsWith("Duplicate field '")) {
                final String name = problem.substring("Duplicate field '".length(), problem.indexOf('\'', 17));
                throw InvalidInputException.field(name, "given more than once; each field may appear once");
            }
            throw new InvalidInputException("invalid JSON: " + problem);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("value is not a JSON object");
        }
        return (T) record(root, schema, "");
    }

    /** The text of {@code bytes}; refuses malformed UTF-8 naming the offset of the first bad byte. */
    private static String strictUtf8(final byte[] bytes) {
        final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        final ByteBuffer in = ByteBuffer.wrap(bytes);
        final CharBuffer out = CharBuffer.allocate(bytes.length);
        final CoderResult result = utf8.decode(in, out, true);
        if (result.isError()) {
            throw new InvalidInputException("value is not valid UTF-8: malformed byte sequence at offset " + in.position());
        }
        utf8.flush(out);
        return out.flip().toString();
    }

    private Object record(final JsonNode node, final Schema recordSchema, final String prefix) {
        if (!node.isObject()) {
            throw InvalidInputException.field(prefix.isEmpty() ? recordSchema.getName() : prefix,
                    "must be an object");
        }
        final Object record = model.newRecord(null, recordSchema);
        for (final Schema.Field field : recordSchema.getFields()) {
            final String path = prefix.isEmpty() ? field.name() : prefix + "." + field.name();
            final JsonNode value = node.get(field.name());
            ((org.apache.avro.generic.IndexedRecord) record).put(field.pos(), fieldValue(field, value, path));
        }
        return record;
    }

    private Object fieldValue(final Schema.Field field, final JsonNode value, final String path) {
        if (value == null || value.isNull()) {
            if (field.hasDefaultValue()) {
                return model.deepCopy(field.schema(), model.getDefaultValue(field));
            }
            if (isNullable(field.schema())) {
                return null;
            }
            throw InvalidInputException.field(path, "required");
        }
        return value(value, field.schema(), path);
    }

    private Object value(final JsonNode node, final Schema type, final String path) {
        switch (type.getType()) {
            case UNION:
                return union(node, type, path);
            case NULL:
                if (!node.isNull()) {
                    throw InvalidInputException.field(path, "must be null");
                }
                return null;
            case RECORD:
                return record(node, type, path);
            case ENUM:
                return enumSymbol(node, type, path);
            case ARRAY:
                return array(node, type, path);
            case MAP:
                return map(node, type, path);
            case STRING:
                return text(node, path);
            case BOOLEAN:
                if (!node.isBoolean()) {
                    throw InvalidInputException.field(path, "must be true or false");
                }
                return node.booleanValue();
            case INT:
                if (!node.canConvertToInt() || !node.isIntegralNumber()) {
                    throw InvalidInputException.field(path, "must be a whole number");
                }
                return node.intValue();
            case LONG:
                return longValue(node, type, path);
            case DOUBLE:
            case FLOAT:
                if (!node.isNumber()) {
                    throw InvalidInputException.field(path, "must be a number");
                }
                return type.getType() == Schema.Type.DOUBLE ? node.doubleValue() : node.floatValue();
            case BYTES:
                return ByteBuffer.wrap(text(node, path).getBytes(StandardCharsets.UTF_8));
            default:
                throw InvalidInputException.field(path, "type " + type.getType() + " is not supported in JSON input");
        }
    }

    private Object union(final JsonNode node, final Schema union, final String path) {
        if (node.isNull() && isNullable(union)) {
            return null;
        }
        for (final Schema branch : union.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                return value(node, branch, path);
            }
        }
        throw InvalidInputException.field(path, "must be null");
    }

    private Object enumSymbol(final JsonNode node, final Schema type, final String path) {
        final String symbol = text(node, path);
        if (!type.hasEnumSymbol(symbol)) {
            throw InvalidInputException.field(path, "'" + symbol + "' is not one of "
                    + String.join(", ", type.getEnumSymbols()));
        }
        return model.createEnum(symbol, type);
    }

    private List<Object> array(final JsonNode node, final Schema type, final String path) {
        if (!node.isArray()) {
            throw InvalidInputException.field(path, "must be an array");
        }
        final List<Object> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            items.add(value(node.get(i), type.getElementType(), path + "[" + i + "]"));
        }
        return items;
    }

    private Map<String, Object> map(final JsonNode node, final Schema type, final String path) {
        if (!node.isObject()) {
            throw InvalidInputException.field(path, "must be an object");
        }
        final Map<String, Object> entries = new LinkedHashMap<>();
        final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            final Map.Entry<String, JsonNode> entry = fields.next();
            entries.put(entry.getKey(), value(entry.getValue(), type.getValueType(), path + "." + entry.getKey()));
        }
        return entries;
    }

    private Object longValue(final JsonNode node, final Schema type, final String path) {
        final LogicalType logical = type.getLogicalType();
        if (logical instanceof LogicalTypes.TimestampMillis) {
            return instant(node, path);
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw InvalidInputException.field(path, "must be a whole number");
        }
        return node.longValue();
    }

    private static Instant instant(final JsonNode node, final String path) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return Instant.ofEpochMilli(node.longValue());
        }
        try {
            return Instant.parse(text(node, path));
        } catch (final DateTimeParseException e) {
            throw InvalidInputException.field(path, "'" + node.asText()
                    + "' is not an ISO-8601 instant such as 2026-11-22T10:00:00Z");
        }
    }

    private static String text(final JsonNode node, final String path) {
        if (!node.isTextual()) {
            throw InvalidInputException.field(path, "must be a string");
        }
        return node.textValue();
    }

    private static boolean isNullable(final Schema type) {
        return type.getType() == Schema.Type.NULL
                || type.getType() == Schema.Type.UNION
                && type.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL);
    }
}
