package io.pixelgate.tokens;

import java.util.Optional;

/**
 * The binary layout of a token, before base64url. Every version starts with the same header:
 *
 * <pre>
 *   version (1) | kind (1) | key id length (1) | key id (1..16, ASCII)
 *
 *   version 1, AES-GCM (opened, no longer issued):  header | IV (12) | ciphertext | GCM tag (16)
 *   version 2, HMAC-SHA256 SIV + AES-CTR (issued):  header | SIV (16) | ciphertext
 * </pre>
 *
 * The header travels in clear because opening needs it before decrypting (which format, which
 * key); it is authenticated with the rest (version 1: the GCM associated data; version 2: the
 * first input of the MAC), so changing any of it, the version or the kind included, fails
 * authentication. It reveals only the format version, the kind (which the URL path shows anyway)
 * and the key id.
 *
 * @param version      the format version
 * @param kind         the kind of claims inside
 * @param keyIdLength  how many bytes the key id takes, from {@link #KEY_ID_OFFSET}
 * @param headerLength where the sealed part starts
 * @param length       the token's length in bytes
 */
record Envelope(byte version, Kind kind, int keyIdLength, int headerLength, int length) {

    static final byte V1 = 1;
    static final byte V2 = 2;
    static final int KEY_ID_OFFSET = 3;
    /** The longest token in bytes: what {@link TokenCodec#MAX_TOKEN_LENGTH} characters decode to. */
    static final int MAX_BYTES = TokenCodec.MAX_TOKEN_LENGTH / 4 * 3;

    /** The length of the header of a token issued under that key. */
    static int headerLength(final TokenKey key) {
        return KEY_ID_OFFSET + key.idLength();
    }

    /** Writes the header of a token issued now (version 2) and returns its length. */
    static int writeHeader(final Kind kind, final TokenKey key, final byte[] to) {
        to[0] = V2;
        to[1] = kind.code();
        to[2] = (byte) key.idLength();
        key.writeId(to, KEY_ID_OFFSET);
        return headerLength(key);
    }

    /**
     * The envelope of the first {@code length} bytes, empty when they cannot be a token of a
     * version this code opens, whatever the key ({@code length} may be -1: no bytes at all).
     */
    static Optional<Envelope> parse(final byte[] token, final int length) {
        if (length < KEY_ID_OFFSET || token[2] == 0) {
            return Optional.empty();
        }
        final byte version = token[0];
        final int headerLength = KEY_ID_OFFSET + (token[2] & 0xFF);
        if (length < headerLength + sealedOverhead(version)) {
            return Optional.empty();
        }
        return Kind.fromCode(token[1]).map(kind -> new Envelope(version, kind, token[2] & 0xFF, headerLength, length));
    }

    /** The bytes a version adds to the plaintext after the header; too many for a version this code lacks. */
    private static int sealedOverhead(final byte version) {
        return switch (version) {
            case V1 -> LegacyGcm.IV_BYTES + LegacyGcm.TAG_BYTES;
            case V2 -> HmacSivCtr.SIV_BYTES;
            default -> Integer.MAX_VALUE;
        };
    }
}
