package io.pixelgate.edge.hits;

import io.pixelgate.edge.net.ClientFacts;
import io.pixelgate.events.Hit;
import io.pixelgate.events.HitKind;
import io.pixelgate.tokens.Link;
import io.pixelgate.tokens.MessageIdentity;
import io.pixelgate.tokens.PersonalPixel;
import io.pixelgate.tokens.Pixel;
import io.pixelgate.tokens.SendIdentity;
import io.pixelgate.tokens.TokenResult;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a request becomes a hit record: pure functions, no Kafka and no HTTP types.
 *
 * <p>The key puts a hit on the partition of what it counts for: the profile for personal and
 * deliverability tokens (co-partitioned with consent-state, so the consent check at open time is
 * local), the campaign for anonymous ones, and {@value #INVALID_KEY} for tokens that do not open.
 * Those are written all the same, so the open-aggregator counts them as rejected hits.
 */
public final class Hits {

    /** The key of a hit whose token did not open. */
    public static final String INVALID_KEY = "invalid";
    /** User agents longer than this are cut: enough for every real one, and a record stays small. */
    public static final int MAX_USER_AGENT_LENGTH = 512;

    private Hits() {
    }

    /** The key of a pixel hit. */
    public static String keyOf(final TokenResult<Pixel> pixel) {
        return pixel.toOptional().map(Hits::keyOf).orElse(INVALID_KEY);
    }

    /** The key of a pixel hit with a valid token. */
    public static String keyOf(final Pixel pixel) {
        return pixel instanceof PersonalPixel personal ? personal.message().profileId() : pixel.campaign().campaignId();
    }

    /** The key of a click on a valid link. */
    public static String keyOf(final Link link) {
        final SendIdentity send = link.send();
        return send instanceof MessageIdentity message ? message.profileId() : send.campaign().campaignId();
    }

    /**
     * The hit record of one request.
     *
     * @param token     the token as it was in the URL, valid or not
     * @param userAgent the User-Agent header, or null
     * @param facts     what the edge keeps of the client address
     */
    public static Hit hit(final HitKind kind, final String token, final Instant receivedAt, final String userAgent,
                          final ClientFacts facts) {
        return new Hit(newHitId(), kind, token, receivedAt, truncate(userAgent), facts.network(), facts.ipPrefix());
    }

    /** The user agent as kept: at most {@value #MAX_USER_AGENT_LENGTH} characters. */
    public static String truncate(final String userAgent) {
        return userAgent == null || userAgent.length() <= MAX_USER_AGENT_LENGTH
                ? userAgent : userAgent.substring(0, MAX_USER_AGENT_LENGTH);
    }

    /**
     * A random (version 4) UUID. Hit ids only need to be unique, not unpredictable, so they come
     * from the thread's own generator rather than the one SecureRandom every event loop would share.
     */
    static String newHitId() {
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        final long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        final long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(high, low).toString();
    }
}
