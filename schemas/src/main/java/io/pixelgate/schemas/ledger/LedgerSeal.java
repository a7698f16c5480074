package io.pixelgate.schemas.ledger;

import io.pixelgate.events.PersonalData;
import io.pixelgate.events.ProfileKey;
import io.pixelgate.events.SealedPersonalData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Seals the personal fields of a consent-ledger entry with its profile's key, and opens them again
 * while the key exists (SPEC.md section 1, Erasure). The ledger is append-only proof and is never
 * rewritten: erasing a profile deletes its key from {@code profile-keys}, and from then on no
 * reader, backup or replay of the ledger can recover the sealed fields (crypto-shredding), while the
 * rest of each entry, the proof skeleton, stays readable.
 *
 * <p>AES-256-GCM with a random 12-byte nonce per entry (the same change may be ledgered twice, as
 * a duplicate, so a nonce derived from the change could repeat under one key). The profile id and
 * the event id are the associated data: a sealed value moved to another entry does not open.
 */
public final class LedgerSeal {

    /** The algorithm named in every sealed value. */
    public static final String ALGORITHM = "AES-256-GCM";
    /** Length of a profile key, in bytes. */
    public static final int KEY_BYTES = 32;

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SpecificDatumWriter<PersonalData> WRITER = new SpecificDatumWriter<>(PersonalData.class);
    private static final SpecificDatumReader<PersonalData> READER = new SpecificDatumReader<>(PersonalData.class);

    private LedgerSeal() {
    }

    /** A new random profile key. */
    public static byte[] newKey(final SecureRandom random) {
        final byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return key;
    }

    /** The key bytes of {@code key}, as {@link #seal} and {@link #open} take them. */
    public static byte[] keyOf(final ProfileKey key) {
        return bytes(key.getKey());
    }

    /** {@code data} sealed under {@code key} for the entry of {@code eventId} of {@code profileId}. */
    public static SealedPersonalData seal(final byte[] key, final String profileId, final String eventId,
                                          final PersonalData data, final SecureRandom random) {
        final byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            final Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce, profileId, eventId);
            return SealedPersonalData.newBuilder()
                    .setAlgorithm(ALGORITHM)
                    .setNonce(ByteBuffer.wrap(nonce))
                    .setCiphertext(ByteBuffer.wrap(cipher.doFinal(encode(data))))
                    .build();
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal with " + ALGORITHM, e);
        }
    }

    /**
     * The personal data sealed in {@code sealed}, or empty when {@code key} is not the one it was
     * sealed with (or the value was altered or moved to another entry).
     */
    public static Optional<PersonalData> open(final byte[] key, final String profileId, final String eventId,
                                              final SealedPersonalData sealed) {
        if (!ALGORITHM.equals(sealed.getAlgorithm()) || key.length != KEY_BYTES) {
            return Optional.empty();
        }
        try {
            final Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, bytes(sealed.getNonce()), profileId, eventId);
            return Optional.of(decode(cipher.doFinal(bytes(sealed.getCiphertext()))));
        } catch (final AEADBadTagException e) {
            return Optional.empty();
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("cannot open with " + ALGORITHM, e);
        }
    }

    private static Cipher cipher(final int mode, final byte[] key, final byte[] nonce, final String profileId,
                                 final String eventId) throws GeneralSecurityException {
        final Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD((profileId + '\u0000' + eventId).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static byte[] encode(final PersonalData data) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            WRITER.write(data, encoder);
            encoder.flush();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static PersonalData decode(final byte[] plain) {
        try {
            return READER.read(null, DecoderFactory.get().binaryDecoder(plain, null));
        } catch (final IOException e) {
            // Authenticated, so written by seal(): only a schema change could make it unreadable.
            throw new UncheckedIOException("sealed personal data does not decode", e);
        }
    }

    private static byte[] bytes(final ByteBuffer buffer) {
        final ByteBuffer copy = buffer.duplicate();
        final byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
