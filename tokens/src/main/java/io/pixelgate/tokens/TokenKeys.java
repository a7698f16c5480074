package io.pixelgate.tokens;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The key ring for tokens: the active key issues, every key opens, looked up by the key id that
 * each token carries. Rotate by putting a new key first and keeping the old ones for as long as
 * their tokens may still be used (preference links in old emails: for ever, in practice).
 *
 * <p>Configuration form: {@code k1:BASE64KEY,k0:BASE64OLDKEY}, the first entry active. A key is
 * 16, 24 or 32 random bytes in base64 (standard or URL-safe, padding optional); 32 is what
 * {@link #generate} makes. Key ids are 1 to 16 characters of {@code A-Z a-z 0-9 . _ -}: they go
 * into every token, so keep them short.
 */
public final class TokenKeys {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,16}");
    private static final int GENERATED_KEY_BYTES = 32;
    private static final String FORM = "expected keyId:base64Key[,keyId:base64Key...], first active";

    private final List<TokenKey> ring;
    private final Map<String, TokenKey> byId;

    private TokenKeys(final List<TokenKey> ring) {
        this.ring = List.copyOf(ring);
        this.byId = indexById(this.ring);
    }

    /**
     * Reads the configuration form.
     *
     * @throws IllegalArgumentException naming the entry and what is wrong with it; never quoting a key
     */
    public static TokenKeys parse(final String config) {
        if (config == null || config.isBlank()) {
            throw new IllegalArgumentException("token keys are empty; " + FORM);
        }
        final String[] entries = config.split(",", -1);
        final List<TokenKey> ring = new ArrayList<>(entries.length);
        for (int i = 0; i < entries.length; i++) {
            ring.add(parseEntry(entries[i].trim(), i + 1));
        }
        return new TokenKeys(ring);
    }

    /** A ring holding one new random 32-byte key. */
    public static TokenKeys generate(final String keyId) {
        return new TokenKeys(List.of(new TokenKey(requireKeyId(keyId, 1), randomKey())));
    }

    /** This ring with a new random key in front, active; every current key still opens. */
    public TokenKeys rotate(final String newKeyId) {
        final List<TokenKey> rotated = new ArrayList<>(ring.size() + 1);
        rotated.add(new TokenKey(requireKeyId(newKeyId, 1), randomKey()));
        rotated.addAll(ring);
        return new TokenKeys(rotated);
    }

    /** The configuration form, which {@link #parse} reads back. It holds the secret keys. */
    public String toConfigString() {
        return ring.stream().map(key -> key.id() + ":" + key.materialBase64()).collect(Collectors.joining(","));
    }

    public String activeKeyId() {
        return active().id();
    }

    /** Every key id, the active one first. */
    public List<String> keyIds() {
        return ring.stream().map(TokenKey::id).collect(Collectors.toUnmodifiableList());
    }

    /** Names the keys, never shows them. */
    @Override
    public String toString() {
        return "TokenKeys[active=" + activeKeyId() + ", keys=" + keyIds() + "]";
    }

    TokenKey active() {
        return ring.get(0);
    }

    Optional<TokenKey> find(final String keyId) {
        return Optional.ofNullable(byId.get(keyId));
    }

    /**
     * The key whose id is in that range of a token header, without making a string of it: a ring
     * holds a few keys, and comparing bytes is cheaper than hashing a new string.
     */
    Optional<TokenKey> find(final byte[] bytes, final int offset, final int length) {
        for (final TokenKey key : ring) {
            if (key.hasId(bytes, offset, length)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    private static TokenKey parseEntry(final String entry, final int position) {
        final int colon = entry.indexOf(':');
        if (entry.isEmpty() || colon < 0) {
            throw new IllegalArgumentException("token key entry " + position + " is "
                    + (entry.isEmpty() ? "empty" : "missing ':'") + "; " + FORM);
        }
        final String keyId = requireKeyId(entry.substring(0, colon).trim(), position);
        return new TokenKey(keyId, decodeKey(keyId, entry.substring(colon + 1).trim()));
    }

    private static String requireKeyId(final String keyId, final int position) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            // a long "key id" is likely a key written first by mistake: never put it in a log
            final String shown = keyId != null && keyId.length() <= 16
                    ? "'" + keyId + "'"
                    : "of " + length(keyId) + " characters";
            throw new IllegalArgumentException("token key entry " + position + " has key id " + shown
                    + "; a key id is 1 to 16 characters of A-Z a-z 0-9 . _ -");
        }
        return keyId;
    }

    private static int length(final String text) {
        return text == null ? 0 : text.length();
    }

    private static byte[] decodeKey(final String keyId, final String base64) {
        final byte[] key;
        try {
            key = isUrlSafe(base64) ? Base64.getUrlDecoder().decode(base64) : Base64.getDecoder().decode(base64);
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("token key '" + keyId + "' is not valid base64 (" + e.getMessage()
                    + "); generate one with TokenKeys.generate or 'openssl rand -base64 32'", e);
        }
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("token key '" + keyId + "' is " + key.length
                    + " bytes; AES needs 16, 24 or 32 (32 recommended)");
        }
        return key;
    }

    private static boolean isUrlSafe(final String base64) {
        return base64.indexOf('-') >= 0 || base64.indexOf('_') >= 0;
    }

    private static Map<String, TokenKey> indexById(final List<TokenKey> ring) {
        final Map<String, TokenKey> index = new LinkedHashMap<>();
        for (final TokenKey key : ring) {
            if (index.putIfAbsent(key.id(), key) != null) {
                throw new IllegalArgumentException("token key id '" + key.id()
                        + "' appears twice; key ids must be unique");
            }
        }
        return Map.copyOf(index);
    }

    private static byte[] randomKey() {
        final byte[] key = new byte[GENERATED_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
