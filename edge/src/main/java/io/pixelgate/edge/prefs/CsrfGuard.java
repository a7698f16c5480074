package io.pixelgate.edge.prefs;

import io.pixelgate.tokens.TokenKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Protection of the preferences forms against cross-site request forgery, and the proof of when
 * a form was shown: a signed double-submit cookie. The page sets a random nonce in a
 * {@code SameSite=Strict} cookie and puts in each form a field holding the instant it rendered
 * the form and an HMAC of that instant, the nonce and the page's token. A POST is accepted only
 * with both, and matching: another site can neither read the field nor make the browser send the
 * cookie, and nobody can change the instant without breaking the HMAC, so a form cannot be made
 * to look newer than it is.
 *
 * <p>The HMAC key is derived from the token key ring, so every edge instance behind a load
 * balancer accepts the forms of the others, and a key rotation invalidates old forms.
 */
public final class CsrfGuard {

    private static final String HMAC = "HmacSHA256";
    // v2: the field carries the instant the form was shown; v1 fields no longer verify
    private static final String LABEL = "pixelgate edge preferences csrf v2";
    private static final int NONCE_BYTES = 16;
    /** What {@link #newNonce} writes: {@value #NONCE_BYTES} random bytes in unpadded base64url. */
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final int TIME_BYTES = Long.BYTES;
    private static final int MAC_BYTES = 16;
    /** What {@link #fieldFor} writes: the instant and the MAC, {@value #TIME_BYTES} + {@value #MAC_BYTES} bytes in unpadded base64url. */
    private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_-]{32}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public CsrfGuard(final TokenKeys keys) {
        this.key = new SecretKeySpec(mac(new SecretKeySpec(keys.toConfigString().getBytes(StandardCharsets.UTF_8), HMAC),
                LABEL), HMAC);
    }

    /** A new random nonce for the cookie. */
    public String newNonce() {
        final byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return ENCODER.encodeToString(nonce);
    }

    /** The nonce from a cookie value when it has the form this guard writes. */
    public Optional<String> nonceFrom(final String cookieValue) {
        return cookieValue != null && NONCE.matcher(cookieValue).matches() ? Optional.of(cookieValue)
                : Optional.empty();
    }

    /** The form field for a page of {@code token}, shown at {@code shownAt}, in a browser holding {@code nonce}. */
    public String fieldFor(final String nonce, final String token, final Instant shownAt) {
        final long millis = shownAt.toEpochMilli();
        return ENCODER.encodeToString(ByteBuffer.allocate(TIME_BYTES + MAC_BYTES).putLong(millis)
                .put(macOf(nonce, token, millis)).array());
    }

    /**
     * When the form was shown, if {@code field} was made for this nonce and token; empty for a
     * missing, malformed or altered field. Compares in constant time.
     */
    public Optional<Instant> verify(final String nonce, final String token, final String field) {
        if (nonce == null || field == null || nonceFrom(nonce).isEmpty() || !FIELD.matcher(field).matches()) {
            return Optional.empty();
        }
        final ByteBuffer bytes = ByteBuffer.wrap(DECODER.decode(field));
        final long millis = bytes.getLong();
        final byte[] mac = new byte[MAC_BYTES];
        bytes.get(mac);
        return MessageDigest.isEqual(macOf(nonce, token, millis), mac) ? Optional.of(Instant.ofEpochMilli(millis))
                : Optional.empty();
    }

    private byte[] macOf(final String nonce, final String token, final long shownAtMillis) {
        return Arrays.copyOf(mac(key, nonce + "\n" + token + "\n" + shownAtMillis), MAC_BYTES);
    }

    private static byte[] mac(final SecretKeySpec key, final String data) {
        try {
            final Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " is missing; every Java SE has it", e);
        }
    }
}
