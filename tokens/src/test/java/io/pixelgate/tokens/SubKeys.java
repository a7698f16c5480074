package io.pixelgate.tokens;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sub-keys derived here from a key's configured material and the labels as the token formats
 * define them, independently of {@link TokenKey}: a test built on these fails if the derivation
 * or a label ever changes, which would stop every token already sent from opening.
 */
final class SubKeys {

    static final String V1_AES_GCM = "pixelgate token v1 aes-gcm";
    static final String V1_SYNTHETIC_IV = "pixelgate token v1 synthetic-iv";
    static final String V2_AES_CTR = "pixelgate token v2 aes-ctr";
    static final String V2_SYNTHETIC_IV = "pixelgate token v2 synthetic-iv";

    private SubKeys() {
    }

    static SecretKeySpec aes(final TokenKey key, final String label) {
        final byte[] material = material(key);
        return new SecretKeySpec(expand(material, label, material.length), "AES");
    }

    static SecretKeySpec hmac(final TokenKey key, final String label) {
        return new SecretKeySpec(expand(material(key), label, 32), "HmacSHA256");
    }

    private static byte[] material(final TokenKey key) {
        return Base64.getDecoder().decode(key.materialBase64());
    }

    /** HKDF-Expand (RFC 5869) for one block: HMAC-SHA256(key, label || 0x01), truncated. */
    private static byte[] expand(final byte[] key, final String label, final int length) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(label.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 1);
            return Arrays.copyOf(mac.doFinal(), length);
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
