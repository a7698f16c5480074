package io.pixelgate.tokens;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Issues and opens the tokens of tracking URLs: AES-GCM authenticated encryption, so a token
 * reveals nothing and cannot be forged or altered, written in base64url without padding.
 *
 * <p>Tokens are deterministic: the GCM IV is synthetic, HMAC-SHA256 (under its own sub-key) of
 * the header and the plaintext, truncated to 12 bytes. Equal claims under the same key give the
 * same token, which the anonymous pixel needs (one URL for every recipient of a campaign and
 * variant), and different claims get different IVs except with probability about n²/2⁹⁷ for n
 * distinct tokens per key (2⁻³⁷ at a billion); rotate keys long before that matters. The IV is
 * checked again on opening, so only the exact bytes this codec would issue are accepted.
 *
 * <p>Thread-safe: the only state is one {@link Cipher} and one {@link Mac} per thread.
 */
public final class TokenCodec {

    /** The longest token accepted or issued, in characters; longer strings are not even decoded. */
    public static final int MAX_TOKEN_LENGTH = 4096;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final TokenKeys keys;
    // Cipher and Mac objects are not thread-safe and costly to look up (a fresh pair per call
    // opens about 5 times fewer tokens per second than a reused one): one of each per thread.
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(TokenCodec::newCipher);
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(TokenCodec::newMac);

    public TokenCodec(final TokenKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * The token for these claims under the active key.
     *
     * @throws IllegalArgumentException when the token would be longer than {@link #MAX_TOKEN_LENGTH}
     *                                  (in practice: a link target of several kilobytes)
     */
    public String issue(final Claims claims) {
        Objects.requireNonNull(claims, "claims");
        final TokenKey key = keys.active();
        final byte[] header = Envelope.header(Kind.of(claims), key.id());
        final byte[] plaintext = ClaimsFormat.encode(claims);
        final byte[] iv = syntheticIv(key, header, plaintext);
        final String token = ENCODER.encodeToString(Envelope.join(header, iv, seal(key, header, iv, plaintext)));
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException("claims too large: the token would be " + token.length()
                    + " characters, the limit is " + MAX_TOKEN_LENGTH);
        }
        return token;
    }

    /** Opens a token of any kind. Never throws: any string gets a result. */
    public TokenResult<Claims> open(final String token) {
        return open(token, Claims.class);
    }

    /**
     * Opens a token that must be of the given kind ({@code Pixel.class} for either pixel).
     * Never throws: any string gets a result.
     */
    public <T extends Claims> TokenResult<T> open(final String token, final Class<T> kind) {
        final Optional<Envelope> envelope = decode(token).flatMap(Envelope::parse);
        if (envelope.isEmpty()) {
            return TokenResult.rejected(Rejection.MALFORMED);
        }
        final Optional<TokenKey> key = keys.find(envelope.get().keyId());
        if (key.isEmpty()) {
            return TokenResult.rejected(Rejection.UNKNOWN_KEY);
        }
        final Optional<byte[]> plaintext = unseal(key.get(), envelope.get());
        if (plaintext.isEmpty()) {
            return TokenResult.rejected(Rejection.FORGED);
        }
        return ClaimsFormat.decode(envelope.get().kind(), plaintext.get())
                .map(claims -> expectKind(claims, kind))
                .orElseGet(() -> TokenResult.rejected(Rejection.MALFORMED));
    }

    private static <T extends Claims> TokenResult<T> expectKind(final Claims claims, final Class<T> kind) {
        return kind.isInstance(claims)
                ? TokenResult.valid(kind.cast(claims))
                : TokenResult.rejected(Rejection.WRONG_KIND);
    }

    /**
     * Base64url bytes, only when the string is their one canonical spelling: no padding, no
     * non-zero spare bits in the last character. Else two strings would open as the same token.
     */
    private static Optional<byte[]> decode(final String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        try {
            final byte[] bytes = DECODER.decode(token);
            return ENCODER.encodeToString(bytes).equals(token) ? Optional.of(bytes) : Optional.empty();
        } catch (final IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] seal(final TokenKey key, final byte[] header, final byte[] iv, final byte[] plaintext) {
        try {
            final Cipher cipher = encryptor(key, iv);
            cipher.updateAAD(header);
            return cipher.doFinal(plaintext);
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed; every Java SE supports it", e);
        }
    }

    /**
     * This thread's cipher, ready to encrypt. The JDK refuses to encrypt twice in a row with the
     * same key and IV on one Cipher object, a guard against keystream reuse; deterministic tokens
     * do it by design (same IV only for the same plaintext, so the same output), so that case
     * takes a fresh Cipher.
     */
    private Cipher encryptor(final TokenKey key, final byte[] iv) throws GeneralSecurityException {
        final GCMParameterSpec spec = new GCMParameterSpec(Envelope.TAG_BYTES * 8, iv);
        try {
            ciphers.get().init(Cipher.ENCRYPT_MODE, key.encryptionKey(), spec);
        } catch (final InvalidAlgorithmParameterException sameKeyAndIvAsLastTime) {
            ciphers.set(newCipher());
            ciphers.get().init(Cipher.ENCRYPT_MODE, key.encryptionKey(), spec);
        }
        return ciphers.get();
    }

    /** The plaintext, when both the GCM tag and the synthetic IV check out. */
    private Optional<byte[]> unseal(final TokenKey key, final Envelope envelope) {
        final byte[] plaintext;
        try {
            final Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key.encryptionKey(),
                    new GCMParameterSpec(Envelope.TAG_BYTES * 8, envelope.iv()));
            cipher.updateAAD(envelope.header());
            plaintext = cipher.doFinal(envelope.sealed());
        } catch (final AEADBadTagException e) {
            return Optional.empty();
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed; every Java SE supports it", e);
        }
        final boolean ivMatches = MessageDigest.isEqual(envelope.iv(), syntheticIv(key, envelope.header(), plaintext));
        return ivMatches ? Optional.of(plaintext) : Optional.empty();
    }

    private byte[] syntheticIv(final TokenKey key, final byte[] header, final byte[] plaintext) {
        try {
            final Mac mac = macs.get();
            mac.init(key.sivKey());
            mac.update(header);
            return Arrays.copyOf(mac.doFinal(plaintext), Envelope.IV_BYTES);
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 failed; every Java SE supports it", e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException(TRANSFORMATION + " is missing; every Java SE has it", e);
        }
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance(TokenKey.HMAC);
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException(TokenKey.HMAC + " is missing; every Java SE has it", e);
        }
    }
}
