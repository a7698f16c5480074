package io.pixelgate.tokens;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One configured key and the sub-keys derived from it: two for each token version, of which the
 * version 1 synthetic-IV key ({@code "pixelgate token v1 synthetic-iv"}) is no longer needed here,
 * since version 1 tokens are only opened now and their GCM tag alone decides.
 *
 * <p>Why sub-keys: the same key is never used by two algorithms. Each version encrypts under one
 * sub-key and computes its synthetic IV with HMAC-SHA256 under another; security proofs hold for
 * each algorithm with its own independent key, not for one key shared by both, and the IV must be
 * unpredictable to whoever does not hold the MAC sub-key. The versions do not share sub-keys
 * either: version 1's AES-GCM and version 2's AES-CTR both run AES in counter mode, so under one
 * key each version's security would rest on the other never using a counter block it uses
 * (GCM's hash key is AES(K, 0); knowing it forges GCM tags). Derivation is HKDF-Expand
 * (RFC 5869) with HmacSHA256 and a distinct label per use; the Extract step is skipped because the
 * configured key is already uniformly random (it must come from {@link TokenKeys#generate} or an
 * equivalent random source, never from a password).
 */
final class TokenKey {

    static final String HMAC = "HmacSHA256";
    private static final String V1_ENCRYPTION_LABEL = "pixelgate token v1 aes-gcm";
    private static final String V2_ENCRYPTION_LABEL = "pixelgate token v2 aes-ctr";
    private static final String V2_SIV_LABEL = "pixelgate token v2 synthetic-iv";
    private static final int HMAC_KEY_BYTES = 32;

    private final String id;
    private final byte[] idBytes;
    private final byte[] material;
    private final SecretKeySpec v1EncryptionKey;
    private final SecretKeySpec v2EncryptionKey;
    private final SecretKeySpec v2SivKey;

    TokenKey(final String id, final byte[] material) {
        this.id = id;
        this.idBytes = id.getBytes(StandardCharsets.US_ASCII);
        this.material = material.clone();
        this.v1EncryptionKey = new SecretKeySpec(expand(material, V1_ENCRYPTION_LABEL, material.length), "AES");
        this.v2EncryptionKey = new SecretKeySpec(expand(material, V2_ENCRYPTION_LABEL, material.length), "AES");
        this.v2SivKey = new SecretKeySpec(expand(material, V2_SIV_LABEL, HMAC_KEY_BYTES), HMAC);
    }

    String id() {
        return id;
    }

    /** How many bytes the key id takes in a token header. */
    int idLength() {
        return idBytes.length;
    }

    /** Writes the key id as a token header holds it. */
    void writeId(final byte[] to, final int offset) {
        System.arraycopy(idBytes, 0, to, offset, idBytes.length);
    }

    /** Whether the bytes in that range are this key's id, as a token header writes it. */
    boolean hasId(final byte[] bytes, final int offset, final int length) {
        return Arrays.equals(idBytes, 0, idBytes.length, bytes, offset, offset + length);
    }

    /** AES-GCM key of version 1 tokens. */
    SecretKeySpec v1EncryptionKey() {
        return v1EncryptionKey;
    }

    /** AES key of version 2 tokens, used in counter mode. */
    SecretKeySpec v2EncryptionKey() {
        return v2EncryptionKey;
    }

    /** HMAC-SHA256 key of version 2 synthetic IVs, which are also the tokens' authentication tags. */
    SecretKeySpec v2SivKey() {
        return v2SivKey;
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
