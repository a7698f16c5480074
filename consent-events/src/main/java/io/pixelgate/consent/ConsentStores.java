package io.pixelgate.consent;

import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ProfileKey;
import io.pixelgate.schemas.TopicSpec;
import io.pixelgate.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The consent-events application's state: every profile's consent, its ledger key, and the changes
 * already seen. Names are fixed: they name the changelog topics, so existing state keeps working
 * after an upgrade. Every store holds per-profile data, so its changelog is cleaned as the compacted
 * outputs are: what an erasure deletes is unreadable there within {@link TopicSpec#PURGE_BOUND_MS}.
 */
public final class ConsentStores {

    /** Each profile's consent state, by profileId. */
    public static final String STATE_STORE = "consent-state-store";
    /** The changes already applied, by profileId and eventId, to when they arrived: a replay changes nothing. */
    public static final String SEEN_STORE = "consent-seen-events";
    /** Each profile's key, which seals the personal fields of its ledger entries (also on profile-keys). */
    public static final String KEY_STORE = "consent-profile-keys";
    /**
     * When each erased profile was last erased (the request's arrival, epoch millis), by profileId: the
     * one thing an erasure keeps, so that a change made before it and replayed after it (a CRM resending
     * its backlog) grants nothing. Kept for good; it holds no personal field beyond the profile's id.
     */
    public static final String ERASURE_STORE = "consent-erasures";
    /** How often changes seen longer ago than {@code consent.seen.retention} are forgotten (wall-clock time). */
    static final Duration SEEN_SWEEP_INTERVAL = Duration.ofHours(1);

    private ConsentStores() {
    }

    static void addTo(final StreamsBuilder builder, final Topics topics) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_STORE),
                Serdes.String(), topics.consentState().valueSerde()).withLoggingEnabled(TopicSpec.changelogConfigs()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SEEN_STORE),
                Serdes.String(), Serdes.Long()).withLoggingEnabled(TopicSpec.changelogConfigs()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(KEY_STORE),
                Serdes.String(), topics.profileKeys().valueSerde()).withLoggingEnabled(TopicSpec.changelogConfigs()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ERASURE_STORE),
                Serdes.String(), Serdes.Long()).withLoggingEnabled(TopicSpec.changelogConfigs()));
    }

    /** The four stores, as the processors that share them (changes and erasures) see them. */
    record Profiles(KeyValueStore<String, ConsentState> states, KeyValueStore<String, Long> seen,
                    KeyValueStore<String, ProfileKey> keys, KeyValueStore<String, Long> erasures) {

        static Profiles of(final ProcessingContext context) {
            return new Profiles(context.getStateStore(STATE_STORE), context.getStateStore(SEEN_STORE),
                    context.getStateStore(KEY_STORE), context.getStateStore(ERASURE_STORE));
        }
    }

    /** The key of a change in the seen store: its profile and its eventId. */
    static String seenKey(final String profileId, final String eventId) {
        return profileId + '\u0000' + eventId;
    }

    /**
     * The seen-store keys of every change of {@code profileId}: a prefix scan up to the separator,
     * which no profileId holds, so profile {@code p-1} never matches the changes of {@code p-10}.
     */
    static List<String> seenKeysOf(final KeyValueStore<String, Long> seen, final String profileId) {
        final List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Long> entries = seen.prefixScan(seenKey(profileId, ""), new StringSerializer())) {
            entries.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    /** Forgets the changes that arrived before {@code cutoffMs}; returns how many. */
    static int forgetSeenBefore(final KeyValueStore<String, Long> seen, final long cutoffMs) {
        final List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, Long> entries = seen.all()) {
            while (entries.hasNext()) {
                final KeyValue<String, Long> entry = entries.next();
                if (entry.value < cutoffMs) {
                    old.add(entry.key);
                }
            }
        }
        old.forEach(seen::delete);
        return old.size();
    }
}
