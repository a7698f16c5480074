package io.pixelgate.tokens;

import java.util.Objects;
import java.util.Optional;

/**
 * Issues and opens the tokens of tracking URLs: deterministic authenticated encryption, so a token
 * reveals nothing and cannot be forged or altered, written in base64url without padding.
 *
 * <p>Tokens issued now are version 2 ({@link HmacSivCtr}: HMAC-SHA256 synthetic IV, AES-CTR);
 * version 1 tokens (AES-GCM, {@link LegacyGcm}) still open, since emails already sent carry them.
 * The format and why it was chosen are in the package documentation.
 *
 * <p>Tokens are deterministic: equal claims under the same key give the same token, which the
 * anonymous pixel needs (one URL for every recipient of a campaign and variant), and different
 * claims give different tokens.
 *
 * <p>Thread-safe: the edge's event loops and the Streams threads share one codec. Its only
 * mutable state is one {@link Workspace} per thread, never shared.
 */
public final class TokenCodec {

    /** The longest token accepted or issued, in characters; longer strings are not even decoded. */
    public static final int MAX_TOKEN_LENGTH = 4096;

    private final TokenKeys keys;
    private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(Workspace::new);

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
        final Kind kind = Kind.of(claims);
        final Workspace work = workspaces.get();
        final ClaimsWriter plaintext = work.claims;
        plaintext.reset();
        ClaimsFormat.encode(claims, plaintext);
        final TokenKey key = keys.active();
        final byte[] token = new byte[Envelope.headerLength(key) + HmacSivCtr.SIV_BYTES + plaintext.length()];
        final int characters = Base64Url.encodedLength(token.length);
        if (characters > MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException("claims too large: the token would be " + characters
                    + " characters, the limit is " + MAX_TOKEN_LENGTH);
        }
        final int headerLength = Envelope.writeHeader(kind, key, token);
        work.v2.seal(key, token, headerLength, plaintext.bytes(), plaintext.length());
        return Base64Url.encode(token);
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
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return TokenResult.rejected(Rejection.MALFORMED);
        }
        final Workspace work = workspaces.get();
        final Optional<Envelope> envelope = Envelope.parse(work.token, Base64Url.decode(token, work.token));
        if (envelope.isEmpty()) {
            return TokenResult.rejected(Rejection.MALFORMED);
        }
        final Optional<TokenKey> key = keys.find(work.token, Envelope.KEY_ID_OFFSET, envelope.get().keyIdLength());
        if (key.isEmpty()) {
            return TokenResult.rejected(Rejection.UNKNOWN_KEY);
        }
        final int plaintextLength = unseal(work, key.get(), envelope.get());
        if (plaintextLength < 0) {
            return TokenResult.rejected(Rejection.FORGED);
        }
        return ClaimsFormat.decode(envelope.get().kind(), work.plaintext, 0, plaintextLength)
                .map(claims -> expectKind(claims, kind))
                .orElseGet(() -> TokenResult.rejected(Rejection.MALFORMED));
    }

    /** The plaintext's length in the workspace, or -1 when the token does not authenticate. */
    private static int unseal(final Workspace work, final TokenKey key, final Envelope envelope) {
        return envelope.version() == Envelope.V1
                ? work.v1.open(key, work.token, envelope, work.plaintext)
                : work.v2.open(key, work.token, envelope, work.plaintext);
    }

    private static <T extends Claims> TokenResult<T> expectKind(final Claims claims, final Class<T> kind) {
        return kind.isInstance(claims)
                ? TokenResult.valid(kind.cast(claims))
                : TokenResult.rejected(Rejection.WRONG_KIND);
    }

    /**
     * One thread's buffers and primitives, reused for every token it issues or opens, so that a
     * token costs no Cipher or Mac initialisation (beyond version 1's GCM) and few allocations.
     */
    private static final class Workspace {
        /** The bytes of the token being opened. */
        private final byte[] token = new byte[Envelope.MAX_BYTES];
        private final byte[] plaintext = new byte[Envelope.MAX_BYTES];
        /** The plaintext of the token being issued. */
        private final ClaimsWriter claims = new ClaimsWriter();
        private final HmacSivCtr v2 = new HmacSivCtr();
        private final LegacyGcm v1 = new LegacyGcm();
    }
}
