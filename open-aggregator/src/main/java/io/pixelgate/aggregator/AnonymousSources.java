package io.pixelgate.aggregator;

import io.pixelgate.aggregator.campaign.CampaignDelta;
import io.pixelgate.aggregator.campaign.CampaignKey;
import io.pixelgate.aggregator.campaign.Counter;
import io.pixelgate.events.Hit;
import io.pixelgate.tokens.CampaignIdentity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * One source cannot dominate a unique count: the anonymous pixel is byte-identical for every
 * recipient, so a client replaying it could otherwise inflate any count of it without bound. Every
 * load is still counted and classified ({@code opens}, {@code anonymousOpens}); {@code
 * anonymousUniqueOpens} counts a source once per campaign key within the window.
 *
 * <p>A source is the hit's network label, IP prefix and user agent, hashed (SHA-256, 12 bytes):
 * sources, not people (one office behind one prefix and browser is one source). Anonymous hits are
 * keyed by campaign, so a campaign key's sources are all in one task.
 */
final class AnonymousSources {

    private static final HexFormat HEX = HexFormat.of();
    private static final int HASH_BYTES = 12;

    private final WindowStore<String, Long> store;
    private final long window;
    /** Per processor instance: a task's records are processed by one thread. */
    private final MessageDigest sha256;

    AnonymousSources(final WindowStore<String, Long> store, final Duration window) {
        this.store = store;
        this.window = window.toMillis();
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /**
     * The delta of one anonymous unique open when no load of the campaign's pixel from this hit's
     * source was counted within the window either side of it (hits may come out of order); else none.
     * A load stamped a window or more before {@code streamTime} never counts: the store may have
     * dropped its source's entry, so counting it would let late replays through.
     */
    Optional<CampaignDelta> counted(final Hit hit, final CampaignIdentity campaign, final long streamTime) {
        final long at = hit.getReceivedAt().toEpochMilli();
        if (at <= streamTime - window) {
            return Optional.empty();
        }
        final String key = AggregatorStores.sourceKey(CampaignKey.of(campaign), source(hit));
        try (WindowStoreIterator<Long> seen = store.fetch(key, Math.max(0, at - window + 1), at + window - 1)) {
            if (seen.hasNext()) {
                return Optional.empty();
            }
        }
        store.put(key, at, at);
        return Optional.of(CampaignDelta.builder(campaign, at).add(Counter.ANONYMOUS_UNIQUE_OPENS).build());
    }

    private String source(final Hit hit) {
        sha256.reset();
        for (final String part : new String[] {hit.getNetwork(), hit.getIpPrefix(), hit.getUserAgent()}) {
            // A null part and an empty one differ, and the separator keeps parts from running together.
            sha256.update(part == null ? new byte[] {0} : ("+" + part).getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
        }
        final byte[] digest = sha256.digest();
        return HEX.formatHex(digest, 0, HASH_BYTES);
    }
}
