package io.pixelgate.tokens;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Opens version 1 tokens: AES-GCM under the key's version 1 sub-key, the header as associated
 * data, a 12-byte synthetic IV. They are no longer issued, but emails already sent carry them for
 * months. The GCM tag alone decides: the old code also recomputed the synthetic IV and compared
 * it, which only rejects tokens that a holder of the key made with some other IV (no one without
 * the key can make a token whose tag verifies), so that second check bought nothing and cost an
 * HMAC per token. One per thread: a Cipher is not thread-safe.
 */
final class LegacyGcm {

    static final int IV_BYTES = 12;
    static final int TAG_BYTES = 16;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final Cipher cipher;

    LegacyGcm() {
        try {
            this.cipher = Cipher.getInstance(TRANSFORMATION);
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException(TRANSFORMATION + " is missing; every Java SE has it", e);
        }
    }

    /** Decrypts the token into {@code plaintext} and returns its length, or -1 when the tag does not verify. */
    int open(final TokenKey key, final byte[] token, final Envelope envelope, final byte[] plaintext) {
        final int ivAt = envelope.headerLength();
        try {
            // GCM takes a new IV only through init, which builds a new engine: the cost of version 1
            cipher.init(Cipher.DECRYPT_MODE, key.v1EncryptionKey(), new GCMParameterSpec(TAG_BYTES * 8, token, ivAt, IV_BYTES));
            cipher.updateAAD(token, 0, ivAt);
            return cipher.doFinal(token, ivAt + IV_BYTES, envelope.length() - ivAt - IV_BYTES, plaintext, 0);
        } catch (final AEADBadTagException e) {
            return -1;
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed; every Java SE supports it", e);
        }
    }
}
