package io.pixelgate.edge.prefs;

import io.pixelgate.tokens.TokenKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Protection of the preferences forms against cross-site request forgery: a signed double-submit
 * cookie. The page sets a random nonce in a {@code SameSite=Strict} cookie and puts in each form a
 * field that is an HMAC of that nonce and the page's token. A POST is accepted only with both, and
 * matching: another site can neither read the field nor make the browser send the cookie.
 *
 * <p>The HMAC key is derived from the token key ring, so every edge instance behind a load
 * balancer accepts the forms of the others, and a key rotation invalidates old forms.
 */
public final class CsrfGuard {

    private static final String HMAC = "HmacSHA256";
    private static final String LABEL = "pixelgate edge preferences csrf v1";
    private static final int NONCE_BYTES = 16;
    /** What {@link #newNonce} writes: {@value #NONCE_BYTES} random bytes in unpadded base64url. */
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final int FIELD_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

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

    /** The form field for a page of {@code token} in a browser holding {@code nonce}. */
    public String fieldFor(final String nonce, final String token) {
        return ENCODER.encodeToString(Arrays.copyOf(mac(key, nonce + "\n" + token), FIELD_BYTES));
    }

    /** True when {@code field} was made for this nonce and token; compares in constant time. */
    public boolean verify(final String nonce, final String token, final String field) {
        if (nonce == null || field == null || nonceFrom(nonce).isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(fieldFor(nonce, token).getBytes(StandardCharsets.US_ASCII),
                field.getBytes(StandardCharsets.US_ASCII));
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
