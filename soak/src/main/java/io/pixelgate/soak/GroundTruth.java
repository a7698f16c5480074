package io.pixelgate.soak;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What the soak's users did and saw answered, the truth the outputs are compared with. */
final class GroundTruth {

    /** Send requests Kafka acknowledged, by messageId, with their campaign key. */
    final Map<String, String> sent = new ConcurrentHashMap<>();
    /** Pixel requests answered 200, by campaign key. */
    final Map<String, AtomicLong> opens = new ConcurrentHashMap<>();
    /** Tracked links answered 302, by campaign key. */
    final Map<String, AtomicLong> clicks = new ConcurrentHashMap<>();
    /**
     * The tokens of the hits answered (pixels and links), each with how often: when a count
     * differs, the hit topics show whether the edge lost a hit or the aggregator did.
     */
    final Map<String, AtomicLong> answeredTokens = new ConcurrentHashMap<>();
    /** Profiles the CRM granted ENGAGEMENT_PROFILING (with OPEN_MEASUREMENT). */
    final Set<String> profiling = ConcurrentHashMap.newKeySet();
    /** Profiles that withdrew on the preferences page (answered 200), and when. */
    final Map<String, Instant> withdrawn = new ConcurrentHashMap<>();
    /** HTTP requests no edge answered as it should, by what and the status (-1: no edge answered). */
    final Map<String, AtomicLong> unanswered = new ConcurrentHashMap<>();

    void unanswered(final String what) {
        unanswered.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    void opened(final String campaignKey, final String token) {
        opens.computeIfAbsent(campaignKey, k -> new AtomicLong()).incrementAndGet();
        answered(token);
    }

    void clicked(final String campaignKey, final String token) {
        clicks.computeIfAbsent(campaignKey, k -> new AtomicLong()).incrementAndGet();
        answered(token);
    }

    private void answered(final String token) {
        answeredTokens.computeIfAbsent(token, k -> new AtomicLong()).incrementAndGet();
    }

    long total(final Map<String, AtomicLong> counts) {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Profiles that may have an engagement record at the end: granted profiling and never withdrew. */
    boolean mayHaveEngagement(final String profileId) {
        return profiling.contains(profileId) && !withdrawn.containsKey(profileId);
    }
}
