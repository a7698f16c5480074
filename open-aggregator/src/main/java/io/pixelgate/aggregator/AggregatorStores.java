package io.pixelgate.aggregator;

import io.pixelgate.aggregator.campaign.CampaignDelta;
import io.pixelgate.aggregator.message.HitCounter;
import io.pixelgate.aggregator.message.MessageState;
import io.pixelgate.aggregator.delivery.DeliveryFact;
import io.pixelgate.aggregator.delivery.DeliveryFactSerde;
import io.pixelgate.events.CampaignStats;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ProfileEngagement;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.TopicSpec;
import io.pixelgate.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The open-aggregator's state and internal topics: their names, how each store is built (serdes and
 * changelog configs), and typed access for the processors and tests. Names are fixed: they name
 * changelog and repartition topics and local state, so existing state keeps working after an upgrade.
 *
 * <p>An instance is one task's per-profile stores, shared by the hit and consent processors. Every
 * per-profile key starts with the profile id, so a profile's data is found (and purged) without a
 * full scan.
 */
public final class AggregatorStores {

    /** The task's copy of consent-state, by profile. */
    public static final String CONSENT_STORE = "aggregator-consent";
    /** Grant expiry times, to purge data whose grant expired with no consent change. */
    public static final String EXPIRY_STORE = "aggregator-consent-expiries";
    /** Per-message dedupe state, profile\0message, windowed by send time so old messages expire. */
    public static final String MESSAGE_STORE = "aggregator-messages";
    /** Engagement records of profiles with ENGAGEMENT_PROFILING granted. */
    public static final String ENGAGEMENT_STORE = "aggregator-engagement";
    /** Latest human open of deliverability sends, by profile. */
    public static final String LAST_OPEN_STORE = "aggregator-last-open";
    /** Campaign counters by campaign key. */
    public static final String CAMPAIGN_STORE = "aggregator-campaign-stats";
    /** Campaign deltas of the hits of one task, summed until the next flush. */
    public static final String PENDING_HIT_DELTAS = "aggregator-pending-hit-deltas";
    /** Campaign deltas of the tracked sends of one task, summed until the next flush. */
    public static final String PENDING_SENT_DELTAS = "aggregator-pending-sent-deltas";
    /** Repartition of campaign deltas by campaign key. */
    public static final String CAMPAIGN_DELTAS = "aggregator-campaign-deltas";
    /** Delivery times by message key (profile\0message), windowed by send time, in the profile-keyed task. */
    public static final String DELIVERY_STORE = "aggregator-deliveries";
    /** Routes of tracked sends (message id to profile and send time), windowed by send time. */
    public static final String DELIVERY_ROUTE_STORE = "aggregator-delivery-routes";
    /** Deliveries that came before their tracked send, windowed by delivery time. */
    public static final String WAITING_DELIVERY_STORE = "aggregator-waiting-deliveries";
    /** Repartition of tracked-send routes by message id. */
    public static final String SEND_ROUTES = "aggregator-send-routes";
    /** Repartition of deliveries by message id. */
    public static final String DELIVERIES_BY_MESSAGE = "aggregator-deliveries-by-message";
    /** Repartition of routed deliveries by profile id. */
    public static final String DELIVERIES_BY_PROFILE = "aggregator-deliveries-by-profile";
    /** Engagement records and last-open dates by the time they were last written, for the retention sweep. */
    public static final String RETENTION_STORE = "aggregator-retention-index";
    /** Sources of anonymous pixel loads, campaign key\0source hash, windowed by hit time (one-source cap). */
    public static final String ANONYMOUS_SOURCE_STORE = "aggregator-anonymous-sources";

    /** Between the two parts of a composite key; ids never contain it. */
    private static final char SEPARATOR = '\u0000';
    private static final char AFTER_SEPARATOR = '\u0001';
    /** The digits of Long.MAX_VALUE: every time key has this many. */
    private static final int TIME_DIGITS = 19;
    /** Window stores here keep one entry per key and time: segments only bound how soon they drop. */
    private static final Duration WINDOW = Duration.ofMillis(1);

    final KeyValueStore<String, ConsentState> consents;
    final WindowStore<String, MessageState> messages;
    final KeyValueStore<String, Long> lastOpens;
    final WindowStore<String, Long> deliveries;
    final RetentionIndex retention;
    private final KeyValueStore<String, byte[]> engagements;
    private final Topic<ProfileEngagement> engagementTopic;

    AggregatorStores(final ProcessingContext context, final Topics topics, final AggregatorSettings settings) {
        this.consents = context.getStateStore(CONSENT_STORE);
        this.messages = context.getStateStore(MESSAGE_STORE);
        this.engagements = context.getStateStore(ENGAGEMENT_STORE);
        this.lastOpens = context.getStateStore(LAST_OPEN_STORE);
        this.deliveries = context.getStateStore(DELIVERY_STORE);
        this.retention = new RetentionIndex(context.getStateStore(RETENTION_STORE), settings.retention().check());
        this.engagementTopic = topics.profileEngagement();
    }

    /** Adds every store the processors of the topology use; the campaign store comes with its aggregation. */
    static void addTo(final StreamsBuilder builder, final Topics topics, final AggregatorSettings settings) {
        // Stores of per-profile data have changelogs cleaned as the compacted outputs are, so that a
        // purged entry is unreadable there within the same bound (TopicSpec.PURGE_BOUND_MS).
        final Map<String, String> purgeable = TopicSpec.changelogConfigs();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CONSENT_STORE),
                Serdes.String(), new ConsentCopySerde(topics.consentState().valueSerde())).withCachingEnabled()
                .withLoggingEnabled(purgeable));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EXPIRY_STORE),
                Serdes.String(), Serdes.String()).withLoggingEnabled(purgeable));
        // Windowed by the send's time: whole segments drop once the horizon has passed, with no scan.
        // The retention adds the clock skew HitCounter.tracked tolerates, so that an entry is never
        // gone while its message is still tracked. The message, engagement and last-open stores are
        // not cached: their keys rarely repeat within a commit interval, so a cache would only add
        // work (and make the purge's range scan copy it); the consent store is read at every hit.
        builder.addStateStore(windowStore(MESSAGE_STORE, settings.dedupeHorizon(), new MessageStateSerde())
                .withLoggingEnabled(purgeable));
        // The engagement store keeps each record as written to profile-engagement, so that it is
        // encoded once; entries written with the store's own subject id read the same (by their id).
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ENGAGEMENT_STORE),
                Serdes.String(), Serdes.ByteArray()).withLoggingEnabled(purgeable));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LAST_OPEN_STORE),
                Serdes.String(), Serdes.Long()).withLoggingEnabled(purgeable));
        // By send time, like the message store: a message's delivery is looked up with its token's send time.
        builder.addStateStore(windowStore(DELIVERY_STORE, settings.deliveryHorizon(), Serdes.Long())
                .withLoggingEnabled(purgeable));
        for (final String pending : List.of(PENDING_HIT_DELTAS, PENDING_SENT_DELTAS)) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(pending),
                    Serdes.String(), new CampaignDeltaSerde()).withCachingEnabled());
        }
        builder.addStateStore(windowStore(DELIVERY_ROUTE_STORE, settings.deliveryHorizon(), new DeliveryFactSerde()));
        builder.addStateStore(windowStore(WAITING_DELIVERY_STORE, settings.deliveryHorizon(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RETENTION_STORE),
                Serdes.String(), Serdes.String()).withLoggingEnabled(purgeable));
        // Retained for the window itself: a source older than that counts again, and whole
        // segments drop with no scan. Holds no profile id (anonymous pixels name none).
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(ANONYMOUS_SOURCE_STORE,
                settings.anonymousSourceWindow(), WINDOW, false), Serdes.String(), Serdes.Long())
                .withLoggingEnabled(purgeable));
    }

    /** A window store kept for {@code horizon} plus the clock skew {@link HitCounter#tracked} tolerates. */
    private static <V> StoreBuilder<WindowStore<String, V>> windowStore(final String name, final Duration horizon,
                                                                        final Serde<V> values) {
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(name, horizon.plus(HitCounter.CLOCK_SKEW),
                WINDOW, false), Serdes.String(), values);
    }

    /** The campaign counters, by campaign key. */
    static Materialized<String, CampaignStats, KeyValueStore<Bytes, byte[]>> campaignStats(final Topics topics) {
        return Materialized.<String, CampaignStats, KeyValueStore<Bytes, byte[]>>as(CAMPAIGN_STORE)
                .withKeySerde(Serdes.String()).withValueSerde(topics.campaignStats().valueSerde());
    }

    /** The repartition of campaign deltas by campaign key, encoded as {@link CampaignDeltaSerde} encodes them. */
    static Repartitioned<String, byte[]> campaignDeltas() {
        return Repartitioned.<String, byte[]>as(CAMPAIGN_DELTAS).withKeySerde(Serdes.String())
                .withValueSerde(Serdes.ByteArray());
    }

    /** A campaign delta read back from the repartition. */
    static CampaignDelta decodeDelta(final byte[] encoded) {
        return CampaignDeltaSerde.decode(encoded);
    }

    /** Campaign deltas grouped by their (repartitioned) campaign key. */
    static Grouped<String, CampaignDelta> byCampaign() {
        return Grouped.with(Serdes.String(), new CampaignDeltaSerde());
    }

    /**
     * A delivery repartition, of the hit topics' partition count: the last one brings deliveries to
     * the profile-keyed task, and the two before it must meet each other.
     */
    static Repartitioned<String, DeliveryFact> deliveryFacts(final String name, final AggregatorSettings settings) {
        return Repartitioned.<String, DeliveryFact>as(name).withKeySerde(Serdes.String())
                .withValueSerde(new DeliveryFactSerde()).withNumberOfPartitions(settings.profilePartitions());
    }

    /** The stores the hit processor reads and writes: those an instance of this class holds, and its deltas. */
    static String[] hitStores() {
        return new String[] {CONSENT_STORE, MESSAGE_STORE, ENGAGEMENT_STORE, LAST_OPEN_STORE, DELIVERY_STORE,
            RETENTION_STORE, PENDING_HIT_DELTAS, ANONYMOUS_SOURCE_STORE};
    }

    /** The consent processor's: those an instance of this class holds, and the expiry index. */
    static String[] consentStores() {
        return new String[] {CONSENT_STORE, EXPIRY_STORE, MESSAGE_STORE, ENGAGEMENT_STORE, LAST_OPEN_STORE,
            DELIVERY_STORE, RETENTION_STORE};
    }

    static KeyValueStore<String, String> expiries(final ProcessingContext context) {
        return context.getStateStore(EXPIRY_STORE);
    }

    /** The message and delivery stores' key: profile first, so that a profile's messages sort together. */
    public static String messageKey(final String profileId, final String messageId) {
        return profileId + SEPARATOR + messageId;
    }

    /** The expiry index key: the time first, so that entries sort by when they are due. */
    static String expiryKey(final long expiresAt, final String profileId) {
        return timeKey(expiresAt, profileId);
    }

    /** Above every index key ({@link #timeKey}) of a time at or before {@code now}. */
    static String dueBy(final long now) {
        return time(now) + AFTER_SEPARATOR;
    }

    /** The time as 19 digits, zero-padded, so that keys sort by it (String.format cost 4% of a hit). */
    private static String time(final long epochMillis) {
        final String digits = Long.toString(Math.max(0, epochMillis));
        return "0".repeat(TIME_DIGITS - digits.length()) + digits;
    }

    /** Every message entry of {@code profileId} in {@code messages}, at any send time. */
    public static KeyValueIterator<Windowed<String>, MessageState> messagesOf(
            final WindowStore<String, MessageState> messages, final String profileId) {
        return entriesOf(messages, profileId);
    }

    /** Every entry of a store keyed {@code profile\0message} for {@code profileId}, at any time. */
    public static <V> KeyValueIterator<Windowed<String>, V> entriesOf(final WindowStore<String, V> store,
                                                                      final String profileId) {
        return store.fetch(profileId + SEPARATOR, profileId + AFTER_SEPARATOR, 0L, Long.MAX_VALUE);
    }

    /** The anonymous-source store's key: the campaign key, then the source's hash. */
    static String sourceKey(final String campaignKey, final String sourceHash) {
        return campaignKey + SEPARATOR + sourceHash;
    }

    /** An index key that sorts by time, then {@code rest}: the expiry and retention indexes. */
    static String timeKey(final long epochMillis, final String rest) {
        return time(epochMillis) + SEPARATOR + rest;
    }

    /** The profile's engagement record, or null. */
    ProfileEngagement engagement(final String profileId) {
        return engagementOf(engagements, engagementTopic, profileId);
    }

    /**
     * Keeps {@code encoded}, the profile's engagement record {@code after} as written to
     * profile-engagement, in place of {@code before} (null when there was none).
     */
    void putEngagement(final String profileId, final ProfileEngagement before, final ProfileEngagement after,
                       final byte[] encoded) {
        engagements.put(profileId, encoded);
        retention.written(RetentionIndex.Kind.ENGAGEMENT, profileId,
                before == null ? null : before.getUpdatedAt().toEpochMilli(), after.getUpdatedAt().toEpochMilli());
    }

    /** Deletes the profile's engagement record {@code engagement} (null: none was held) and its index entry. */
    void deleteEngagement(final String profileId, final ProfileEngagement engagement) {
        engagements.delete(profileId);
        if (engagement != null) {
            retention.removed(RetentionIndex.Kind.ENGAGEMENT, profileId, engagement.getUpdatedAt().toEpochMilli());
        }
    }

    /** Keeps {@code at} as the profile's last open, in place of {@code before} (null when there was none). */
    void putLastOpen(final String profileId, final Long before, final long at) {
        lastOpens.put(profileId, at);
        retention.written(RetentionIndex.Kind.LAST_OPEN, profileId, before, at);
    }

    /** Deletes the profile's last-open date and its index entry; whether there was one. */
    boolean deleteLastOpen(final String profileId) {
        final Long at = lastOpens.delete(profileId);
        if (at != null) {
            retention.removed(RetentionIndex.Kind.LAST_OPEN, profileId, at);
        }
        return at != null;
    }

    /** The engagement record of {@code profileId} in {@code store}, or null. */
    public static ProfileEngagement engagementOf(final KeyValueStore<String, byte[]> store,
                                                 final Topic<ProfileEngagement> topic, final String profileId) {
        final byte[] encoded = store.get(profileId);
        return encoded == null ? null : topic.valueSerde().decode(encoded);
    }

    boolean holdsMessages(final String profileId) {
        try (KeyValueIterator<Windowed<String>, MessageState> found = messagesOf(messages, profileId)) {
            return found.hasNext();
        }
    }

    /** Deletes every message entry of the profile and returns how many there were. */
    long deleteMessages(final String profileId) {
        return deleteEntries(messages, profileId);
    }

    /** Deletes every entry of {@code profileId} in a store keyed {@code profile\0message}; how many there were. */
    static <V> long deleteEntries(final WindowStore<String, V> store, final String profileId) {
        final List<Windowed<String>> keys = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, V> found = entriesOf(store, profileId)) {
            found.forEachRemaining((KeyValue<Windowed<String>, V> entry) -> keys.add(entry.key));
        }
        keys.forEach(key -> store.put(key.key(), null, key.window().start()));
        return keys.size();
    }
}
