package io.pixelgate.tokens;

import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link ClaimsWriter} writes from a range of an array, accepting exactly what
 * {@link java.io.DataInputStream#readUTF} accepts (version 1 tokens were read with it). Every
 * fault is an {@link IllegalArgumentException}: bytes that pass authentication always parse, so a
 * fault means a format this code does not know, never a reason to tell apart.
 */
final class ClaimsReader {

    private final byte[] bytes;
    private final int end;
    private int position;

    ClaimsReader(final byte[] bytes, final int offset, final int length) {
        this.bytes = bytes;
        this.position = offset;
        this.end = offset + length;
    }

    boolean atEnd() {
        return position == end;
    }

    int readUnsignedByte() {
        if (position >= end) {
            throw new IllegalArgumentException("claims end early");
        }
        return bytes[position++] & 0xFF;
    }

    long readVarLong() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            final int b = readUnsignedByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes");
    }

    String readUtf() {
        final int utfBytes = readUnsignedByte() << 8 | readUnsignedByte();
        if (utfBytes > end - position) {
            throw new IllegalArgumentException("string runs past the claims");
        }
        final int start = position;
        position += utfBytes;
        // ids are nearly always ASCII, where modified UTF-8 is one byte a char: a plain copy
        for (int i = start; i < position; i++) {
            if (bytes[i] < 0) {
                return readModifiedUtf8(start, position);
            }
        }
        return new String(bytes, start, utfBytes, StandardCharsets.ISO_8859_1);
    }

    /** DataInputStream.readUTF's decoding, rule for rule: overlong forms accepted, 4-byte forms not. */
    private String readModifiedUtf8(final int from, final int to) {
        final char[] chars = new char[to - from];
        int count = 0;
        int i = from;
        while (i < to) {
            final int c = bytes[i] & 0xFF;
            switch (c >> 4) {
                case 0, 1, 2, 3, 4, 5, 6, 7 -> {
                    chars[count++] = (char) c;
                    i += 1;
                }
                case 12, 13 -> {
                    final int second = continuation(i + 1, to);
                    chars[count++] = (char) ((c & 0x1F) << 6 | second);
                    i += 2;
                }
                case 14 -> {
                    final int second = continuation(i + 1, to);
                    final int third = continuation(i + 2, to);
                    chars[count++] = (char) ((c & 0x0F) << 12 | second << 6 | third);
                    i += 3;
                }
                default -> throw new IllegalArgumentException("malformed modified UTF-8 at byte " + (i - from));
            }
        }
        return new String(chars, 0, count);
    }

    /** The 6 payload bits of a continuation byte (10xxxxxx) at {@code index}. */
    private int continuation(final int index, final int to) {
        if (index >= to || (bytes[index] & 0xC0) != 0x80) {
            throw new IllegalArgumentException("malformed modified UTF-8: bad or missing continuation byte");
        }
        return bytes[index] & 0x3F;
    }
}
