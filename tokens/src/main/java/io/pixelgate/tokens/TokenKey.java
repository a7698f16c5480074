package io.pixelgate.tokens;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One configured key and the two sub-keys derived from it.
 *
 * <p>Why two sub-keys: the same key is never used by two algorithms. AES-GCM encrypts under one
 * sub-key and HMAC-SHA256 computes the synthetic IV under the other; security proofs hold for each
 * algorithm with its own independent key, not for one key shared by both, and the IV must be
 * unpredictable to whoever does not hold the MAC sub-key. Derivation is HKDF-Expand (RFC 5869)
 * with HmacSHA256 and a distinct label per use; the Extract step is skipped because the
 * configured key is already uniformly random (it must come from {@link TokenKeys#generate} or an
 * equivalent random source, never from a password).
 */
final class TokenKey {

    static final String HMAC = "HmacSHA256";
    private static final String ENCRYPTION_LABEL = "pixelgate token v1 aes-gcm";
    private static final String SIV_LABEL = "pixelgate token v1 synthetic-iv";

    private final String id;
    private final byte[] material;
    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec sivKey;

    TokenKey(final String id, final byte[] material) {
        this.id = id;
        this.material = material.clone();
        this.encryptionKey = new SecretKeySpec(expand(material, ENCRYPTION_LABEL, material.length), "AES");
        this.sivKey = new SecretKeySpec(expand(material, SIV_LABEL, 32), HMAC);
    }

    String id() {
        return id;
    }

    SecretKeySpec encryptionKey() {
        return encryptionKey;
    }

    SecretKeySpec sivKey() {
        return sivKey;
    }

    /** The configured key, for writing the configuration back. */
    String materialBase64() {
        return Base64.getEncoder().encodeToString(material);
    }

    /** HKDF-Expand for at most one HMAC block: T(1) = HMAC(key, info || 0x01), truncated. */
    private static byte[] expand(final byte[] key, final String info, final int length) {
        try {
            final Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            mac.update(info.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 1);
            return Arrays.copyOf(mac.doFinal(), length);
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("this JDK lacks " + HMAC + ", which every Java SE has", e);
        }
    }
}
