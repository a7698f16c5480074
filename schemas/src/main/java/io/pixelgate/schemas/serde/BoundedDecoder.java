package io.pixelgate.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * An Avro binary decoder that refuses declared sizes it cannot honour before allocating for them.
 * Avro reads a string's length or an array's item count as declared and allocates that much up
 * front, so ten bytes can ask for gigabytes (its own {@code SystemLimitException} limits default to
 * about 2^31). Here a string or bytes value may not declare more bytes than the whole value holds,
 * and an array or map block may not declare more items than {@link InputLimits#maxCollectionItems}.
 * A refusal is an {@link AvroLimitException}; {@link FieldLocatingReader} names the field.
 */
final class BoundedDecoder extends Decoder {

    private final BinaryDecoder in;
    private final int valueBytes;
    private final int maxItems;

    BoundedDecoder(final BinaryDecoder in, final int valueBytes, final int maxItems) {
        this.in = in;
        this.valueBytes = valueBytes;
        this.maxItems = maxItems;
    }

    private int length(final String what) throws IOException {
        final long length = in.readLong();
        if (length < 0 || length > valueBytes) {
            throw new AvroLimitException(what + " declares " + length + " bytes in a value of " + valueBytes);
        }
        return (int) length;
    }

    private long items(final long count, final String what) {
        if (count < -maxItems || count > maxItems) {
            throw new AvroLimitException(what + " declares a block of " + Math.abs(count) + " items, over the limit of "
                    + maxItems + " (" + InputLimits.MAX_COLLECTION_ITEMS + ")");
        }
        return count;
    }

    @Override
    public Utf8 readString(final Utf8 old) throws IOException {
        final int length = length("a string");
        final Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        in.readFixed(result.getBytes(), 0, length);
        return result;
    }

    @Override
    public String readString() throws IOException {
        final int length = length("a string");
        final byte[] bytes = new byte[length];
        in.readFixed(bytes, 0, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public ByteBuffer readBytes(final ByteBuffer old) throws IOException {
        final int length = length("a bytes value");
        final ByteBuffer result = old != null && length <= old.capacity() ? old.clear() : ByteBuffer.allocate(length);
        in.readFixed(result.array(), result.position(), length);
        result.limit(length);
        return result;
    }

    @Override
    public long readArrayStart() throws IOException {
        return items(in.readArrayStart(), "an array");
    }

    @Override
    public long arrayNext() throws IOException {
        return items(in.arrayNext(), "an array");
    }

    @Override
    public long readMapStart() throws IOException {
        return items(in.readMapStart(), "a map");
    }

    @Override
    public long mapNext() throws IOException {
        return items(in.mapNext(), "a map");
    }

    @Override
    public void readNull() throws IOException {
        in.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return in.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return in.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return in.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return in.readDouble();
    }

    @Override
    public void skipString() throws IOException {
        in.skipFixed(length("a string"));
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipFixed(length("a bytes value"));
    }

    @Override
    public void readFixed(final byte[] bytes, final int start, final int length) throws IOException {
        in.readFixed(bytes, start, length);
    }

    @Override
    public void skipFixed(final int length) throws IOException {
        in.skipFixed(length);
    }

    @Override
    public int readEnum() throws IOException {
        return in.readEnum();
    }

    @Override
    public long skipArray() throws IOException {
        return items(in.skipArray(), "an array");
    }

    @Override
    public long skipMap() throws IOException {
        return items(in.skipMap(), "a map");
    }

    @Override
    public int readIndex() throws IOException {
        return in.readIndex();
    }

    boolean isEnd() throws IOException {
        return in.isEnd();
    }

    /** A declared size refused before anything was allocated for it. */
    static final class AvroLimitException extends RuntimeException {

        private final String field;

        AvroLimitException(final String problem) {
            this(null, problem);
        }

        private AvroLimitException(final String field, final String problem) {
            super(problem);
            this.field = field;
        }

        /** The same refusal, one field further out: {@code outer.inner}. */
        AvroLimitException within(final String outer) {
            return new AvroLimitException(field == null ? outer : outer + "." + field, getMessage());
        }

        InvalidInputException toInvalidInput() {
            return field == null ? new InvalidInputException(getMessage()) : InvalidInputException.field(field, getMessage());
        }
    }
}
