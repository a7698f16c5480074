package io.pixelgate.tokens;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Base64url without padding (RFC 4648 §5), accepting only the one canonical spelling of each
 * byte string: else two strings would open as the same token. The JDK's codec does the work (its
 * loops are compiled to vector instructions, several times faster than Java code here); what it
 * lets through that is not canonical, padding and non-zero spare bits in the last character, is
 * checked here instead of by the re-encode and string comparison that version 1 used.
 */
final class Base64Url {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    /** How many characters {@code length} bytes take. */
    static int encodedLength(final int length) {
        return (length * 4 + 2) / 3;
    }

    static String encode(final byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /**
     * Decodes {@code text} into {@code bytes} and returns how many bytes it holds, or -1 when the
     * text is not the canonical spelling of any bytes (a character outside the alphabet, padding,
     * a length that leaves one character over, spare bits that are not zero) or does not fit.
     */
    static int decode(final String text, final byte[] bytes) {
        if (text.indexOf('=') >= 0 || !spareBitsAreZero(text)) {
            return -1;
        }
        try {
            // a character beyond Latin-1 becomes '?', which the decoder refuses like any stranger
            return DECODER.decode(text.getBytes(StandardCharsets.ISO_8859_1), bytes);
        } catch (final IllegalArgumentException notBase64OrTooLong) {
            return -1;
        }
    }

    /**
     * Whether the bits of the last character that carry no byte are zero: 4 of its 6 when the
     * text has 2 characters over a multiple of 4, 2 when it has 3.
     */
    private static boolean spareBitsAreZero(final String text) {
        final int rest = text.length() % 4;
        if (rest < 2) {
            return true;
        }
        final int last = ALPHABET.indexOf(text.charAt(text.length() - 1));
        return last >= 0 && (last & (rest == 2 ? 0x0F : 0x03)) == 0;
    }
}
