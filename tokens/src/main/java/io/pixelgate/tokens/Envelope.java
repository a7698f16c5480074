package io.pixelgate.tokens;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The binary layout of a token, before base64url:
 *
 * <pre>
 *   version (1) | kind (1) | key id length (1) | key id (1..16, ASCII) | IV (12) | ciphertext | GCM tag (16)
 *   \________________________ header: authenticated, not encrypted ______/
 * </pre>
 *
 * The header travels in clear because opening needs it before decrypting (which key, which
 * format); it is the GCM associated data, so changing any of it, the kind included, fails
 * authentication. It reveals only the format version, the kind (which the URL path shows anyway)
 * and the key id.
 */
record Envelope(Kind kind, String keyId, byte[] header, byte[] iv, byte[] sealed) {

    static final byte VERSION = 1;
    static final int IV_BYTES = 12;
    static final int TAG_BYTES = 16;
    private static final int FIXED_HEADER_BYTES = 3;

    static byte[] header(final Kind kind, final String keyId) {
        final byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
        final byte[] header = new byte[FIXED_HEADER_BYTES + id.length];
        header[0] = VERSION;
        header[1] = kind.code();
        header[2] = (byte) id.length;
        System.arraycopy(id, 0, header, FIXED_HEADER_BYTES, id.length);
        return header;
    }

    static byte[] join(final byte[] header, final byte[] iv, final byte[] sealed) {
        final byte[] token = Arrays.copyOf(header, header.length + iv.length + sealed.length);
        System.arraycopy(iv, 0, token, header.length, iv.length);
        System.arraycopy(sealed, 0, token, header.length + iv.length, sealed.length);
        return token;
    }

    /** Empty when the bytes cannot be a token of this version, whatever the key. */
    static Optional<Envelope> parse(final byte[] token) {
        if (token.length < FIXED_HEADER_BYTES || token[0] != VERSION) {
            return Optional.empty();
        }
        final int headerBytes = FIXED_HEADER_BYTES + (token[2] & 0xFF);
        if (token[2] == 0 || token.length < headerBytes + IV_BYTES + TAG_BYTES) {
            return Optional.empty();
        }
        return Kind.fromCode(token[1]).map(kind -> new Envelope(kind,
                new String(token, FIXED_HEADER_BYTES, headerBytes - FIXED_HEADER_BYTES, StandardCharsets.US_ASCII),
                Arrays.copyOfRange(token, 0, headerBytes),
                Arrays.copyOfRange(token, headerBytes, headerBytes + IV_BYTES),
                Arrays.copyOfRange(token, headerBytes + IV_BYTES, token.length)));
    }
}
