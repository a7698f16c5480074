package io.pixelgate.tokens;

import java.util.Arrays;

/**
 * Writes the primitives of the claims format into a growing byte array: single bytes, unsigned
 * LEB128 varints, and strings byte for byte as {@link java.io.DataOutputStream#writeUTF} writes
 * them (a 2-byte length, then modified UTF-8), which version 1 tokens were made with. Reused by one
 * thread for every token it issues, so writing allocates nothing.
 */
final class ClaimsWriter {

    static final int MAX_UTF_BYTES = 0xFFFF;
    private static final int INITIAL_BYTES = 256;
    // a huge claim (a link target of several kilobytes, refused later as too long) may grow the
    // array; a thread keeps at most this much of it afterwards
    private static final int RETAINED_BYTES = 4096;

    private byte[] bytes = new byte[INITIAL_BYTES];
    private int length;

    /** Starts a new encoding. */
    void reset() {
        if (bytes.length > RETAINED_BYTES) {
            bytes = new byte[INITIAL_BYTES];
        }
        length = 0;
    }

    /** The array holding the encoding; only its first {@link #length()} bytes are written. */
    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    void writeByte(final int value) {
        ensure(1);
        bytes[length++] = (byte) value;
    }

    void writeVarLong(final long value) {
        ensure(10);
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            bytes[length++] = (byte) (rest & 0x7F | 0x80);
            rest >>>= 7;
        }
        bytes[length++] = (byte) rest;
    }

    /**
     * A string as writeUTF writes it: U+0001 to U+007F in one byte, U+0000 and up to U+07FF in two,
     * the rest (lone surrogates included) in three.
     *
     * @throws IllegalArgumentException when it takes more than 65535 bytes
     */
    void writeUtf(final String text) {
        final int start = length;
        ensure(2 + text.length());
        length += 2;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c == 0 || c > 0x7F) {
                writeNonAscii(text, i);
                break;
            }
            bytes[length++] = (byte) c;
        }
        final int utfBytes = length - start - 2;
        if (utfBytes > MAX_UTF_BYTES) {
            length = start;
            throw new IllegalArgumentException("a claims field is longer than " + MAX_UTF_BYTES + " UTF-8 bytes");
        }
        bytes[start] = (byte) (utfBytes >>> 8);
        bytes[start + 1] = (byte) utfBytes;
    }

    private void writeNonAscii(final String text, final int from) {
        ensure(3 * (text.length() - from));
        for (int i = from; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c >= 0x01 && c <= 0x7F) {
                bytes[length++] = (byte) c;
            } else if (c > 0x7FF) {
                bytes[length++] = (byte) (0xE0 | c >> 12 & 0x0F);
                bytes[length++] = (byte) (0x80 | c >> 6 & 0x3F);
                bytes[length++] = (byte) (0x80 | c & 0x3F);
            } else {
                bytes[length++] = (byte) (0xC0 | c >> 6 & 0x1F);
                bytes[length++] = (byte) (0x80 | c & 0x3F);
            }
        }
    }

    private void ensure(final int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
