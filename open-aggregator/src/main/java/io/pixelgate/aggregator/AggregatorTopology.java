package io.pixelgate.aggregator;

import io.pixelgate.aggregator.count.CampaignDelta;
import io.pixelgate.aggregator.count.CampaignTotals;
import io.pixelgate.aggregator.count.HitCounter;
import io.pixelgate.aggregator.delivery.DeliveryFact;
import io.pixelgate.aggregator.delivery.DeliveryFactSerde;
import io.pixelgate.aggregator.delivery.DeliveryKeeper;
import io.pixelgate.aggregator.delivery.DeliveryRouter;
import io.pixelgate.aggregator.delivery.DeliveryValidation;
import io.pixelgate.events.CampaignStats;
import io.pixelgate.events.Hit;
import io.pixelgate.events.TrackedSend;
import io.pixelgate.events.TrackingMode;
import io.pixelgate.platform.Inputs;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.TopicSpec;
import io.pixelgate.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The open-aggregator topology: hits, tracked sends and consent state in; profile engagement,
 * last-open, purge-log and campaign stats out.
 *
 * <pre>
 * open-hits, click-hits ─ decode ─► count-hit ──┐   (profile-keyed task: consent, messages,
 * consent-state ─ decode ──────────► apply-consent ┤    engagement, last-open stores)
 *                                                ├─► profile-engagement (records, tombstones)
 *                                                ├─► last-open
 *                                                ├─► purge-log
 *                                                └─► deltas ─► sum per task ─┐
 * tracked-sends ─ decode ─► sent deltas ─► sum per task ─────────────────────┴─► by campaign ─► sum ─► campaign-stats
 *        └─► routes ─► by message ─┐
 * deliveries ─ decode ─► by message ┴─► route-delivery ─► by profile ─► keep-delivery (profile-keyed task)
 * </pre>
 *
 * Personal hits and consent-state are both keyed by profile id and have the same partition count,
 * so the consent check at a hit and the purge at a withdrawal are local to one task. Campaign
 * counters need every hit of a campaign in one place, hence the one repartition, by campaign; each
 * task sums its deltas per campaign first ({@link DeltaBuffer}), so that repartition carries one
 * record per campaign and flush interval instead of one per hit.
 *
 * <p>Deliveries name only their message; the routes of tracked sends give its profile. Both are
 * repartitioned by message id to the same partition count, meet in {@link DeliveryRouter}, and the
 * delivery then goes by profile id to the task that counts the message's hits. That repartition
 * must have the hit topics' partition count ({@link AggregatorSettings#profilePartitions}), so both
 * delivery repartitions are given it.
 */
public final class AggregatorTopology {

    public static final String APPLICATION_ID = "pixelgate-open-aggregator";
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

    /**
     * Streams settings of this application over the shared ones ({@code streams.*} still overrides).
     *
     * <p>{@code max.task.idle.ms} -1: a task takes the next record from whichever of its four input
     * partitions has one, without first fetching partitions the consumer knows to hold more (with
     * 0, Streams' default, that check formats log text for every idle partition at every record,
     * 13% of this application's CPU per hit in its benchmark). What that gives up is narrow: only
     * while catching up can a hit stamped after a withdrawal be processed before it, when the
     * withdrawal was on the broker but not yet fetched. Such a hit is then counted as attributed,
     * and the withdrawal, processed next, purges what it wrote (store entries, and a tombstone
     * after the record). Consent is still checked at every hit against what this task has read.
     */
    public static final Map<String, Object> STREAMS_DEFAULTS = Map.of(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);

    private AggregatorTopology() {
    }

    public static Topology build(final Topics topics, final AggregatorSettings settings) {
        return build(topics, settings, HitMeter.NONE);
    }

    /** As above, telling {@code meter} the class of every hit counted (the operations endpoint's hit counters). */
    public static Topology build(final Topics topics, final AggregatorSettings settings, final HitMeter meter) {
        final StreamsBuilder builder = new StreamsBuilder();
        final Inputs inputs = new Inputs(builder, topics);
        addProfileStores(builder, topics, settings);
        final KStream<String, Hit> hits = inputs.read(topics.openHits(), "aggregator-open-hit")
                .merge(inputs.read(topics.clickHits(), "aggregator-click-hit"), Named.as("aggregator-hits"));
        final KStream<String, ProfileOutput> outputs = hits
                .process(() -> new HitProcessor(settings, meter), Named.as("aggregator-count-hit"),
                        CONSENT_STORE, MESSAGE_STORE, ENGAGEMENT_STORE, LAST_OPEN_STORE, DELIVERY_STORE)
                .merge(inputs.readCompacted(topics.consentState(), "aggregator-consent-state", UnaryOperator.identity())
                        .process(() -> new ConsentProcessor(settings, topics.profileEngagement().name()),
                                Named.as("aggregator-apply-consent"),
                                CONSENT_STORE, EXPIRY_STORE, MESSAGE_STORE, ENGAGEMENT_STORE, LAST_OPEN_STORE,
                                DELIVERY_STORE),
                        Named.as("aggregator-profile-outputs"));

        final KStream<String, CampaignDelta> hitDeltas = writeProfileOutputs(outputs, topics)
                .process(() -> new DeltaBuffer(PENDING_HIT_DELTAS, settings.campaignFlush()),
                        Named.as("aggregator-sum-hit-deltas"), PENDING_HIT_DELTAS);
        final KStream<String, TrackedSend> trackedSends = inputs.read(topics.trackedSends(), "aggregator-tracked-send");
        routeDeliveries(builder, inputs, topics, settings, trackedSends);
        final KStream<String, CampaignDelta> sentDeltas = trackedSends
                .map((messageId, send) -> {
                    final CampaignDelta delta = CampaignTotals.sent(send);
                    return KeyValue.pair(delta.key(), delta);
                }, Named.as("aggregator-sent-delta"))
                .process(() -> new DeltaBuffer(PENDING_SENT_DELTAS, settings.campaignFlush()),
                        Named.as("aggregator-sum-sent-deltas"), PENDING_SENT_DELTAS);
        sumByCampaign(hitDeltas.merge(sentDeltas, Named.as("aggregator-deltas")), topics);
        return builder.build();
    }

    /** Writes engagement records, last-open dates and purge records; returns the campaign deltas. */
    private static KStream<String, CampaignDelta> writeProfileOutputs(final KStream<String, ProfileOutput> outputs,
                                                                    final Topics topics) {
        final Map<String, KStream<String, ProfileOutput>> byKind = outputs
                .split(Named.as("aggregator-output-"))
                .branch((key, out) -> out instanceof ProfileOutput.Delta, Branched.as("delta"))
                .branch((key, out) -> out instanceof ProfileOutput.Engagement, Branched.as("engagement"))
                .branch((key, out) -> out instanceof ProfileOutput.Opened, Branched.as("last-open"))
                .defaultBranch(Branched.as("purge"));
        // A null engagement record is the tombstone of a withdrawal.
        byKind.get("aggregator-output-engagement")
                .mapValues(out -> ((ProfileOutput.Engagement) out).record(), Named.as("aggregator-engagement-record"))
                .to(topics.profileEngagement().name(), produced(topics.profileEngagement(), "aggregator-engagement-sink"));
        byKind.get("aggregator-output-last-open")
                .mapValues(out -> ((ProfileOutput.Opened) out).lastOpen(), Named.as("aggregator-last-open-record"))
                .to(topics.lastOpen().name(), produced(topics.lastOpen(), "aggregator-last-open-sink"));
        byKind.get("aggregator-output-purge")
                .mapValues(out -> ((ProfileOutput.Purged) out).purge(), Named.as("aggregator-purge-record"))
                .to(topics.purgeLog().name(), produced(topics.purgeLog(), "aggregator-purge-sink"));
        return byKind.get("aggregator-output-delta")
                .mapValues(out -> ((ProfileOutput.Delta) out).delta(), Named.as("aggregator-hit-delta"));
    }

    /**
     * Brings each delivery to the task of its message's profile (see the class comment). Sends
     * without a message token (anonymous, none) have no hits to time, so they need no route.
     */
    private static void routeDeliveries(final StreamsBuilder builder, final Inputs inputs, final Topics topics,
                                        final AggregatorSettings settings,
                                        final KStream<String, TrackedSend> trackedSends) {
        final Duration retention = settings.deliveryHorizon().plus(HitCounter.CLOCK_SKEW);
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(DELIVERY_ROUTE_STORE, retention,
                Duration.ofMillis(1), false), Serdes.String(), new DeliveryFactSerde()));
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(WAITING_DELIVERY_STORE, retention,
                Duration.ofMillis(1), false), Serdes.String(), Serdes.Long()));
        final KStream<String, DeliveryFact> routes = trackedSends
                .filter((messageId, send) -> send.getTrackingMode() == TrackingMode.PERSONAL
                        || send.getTrackingMode() == TrackingMode.DELIVERABILITY, Named.as("aggregator-identified-send"))
                .map((messageId, send) -> KeyValue.pair(send.getMessageId(), new DeliveryFact(send.getMessageId(),
                        send.getProfileId(), send.getRequestedAt().toEpochMilli(), 0)), Named.as("aggregator-send-route"))
                .repartition(repartitioned(SEND_ROUTES, settings));
        inputs.read(topics.deliveries(), "aggregator-delivery", DeliveryValidation::check)
                .map((key, delivery) -> KeyValue.pair(delivery.getMessageId(), new DeliveryFact(delivery.getMessageId(),
                        null, 0, delivery.getDeliveredAt().toEpochMilli())), Named.as("aggregator-delivery-fact"))
                .repartition(repartitioned(DELIVERIES_BY_MESSAGE, settings))
                .merge(routes, Named.as("aggregator-delivery-and-routes"))
                .process(() -> new DeliveryRouter(DELIVERY_ROUTE_STORE, WAITING_DELIVERY_STORE,
                        settings.deliveryHorizon()), Named.as("aggregator-route-delivery"),
                        DELIVERY_ROUTE_STORE, WAITING_DELIVERY_STORE)
                .repartition(repartitioned(DELIVERIES_BY_PROFILE, settings))
                .process(() -> new DeliveryKeeper(DELIVERY_STORE, ProfileStores::messageKey),
                        Named.as("aggregator-keep-delivery"), DELIVERY_STORE);
    }

    private static Repartitioned<String, DeliveryFact> repartitioned(final String name, final AggregatorSettings settings) {
        return Repartitioned.<String, DeliveryFact>as(name).withKeySerde(Serdes.String())
                .withValueSerde(new DeliveryFactSerde()).withNumberOfPartitions(settings.profilePartitions());
    }

    private static void addProfileStores(final StreamsBuilder builder, final Topics topics,
                                         final AggregatorSettings settings) {
        // Stores of per-profile data have changelogs cleaned as the compacted outputs are, so that a
        // purged entry is unreadable there within the same bound (TopicSpec.PURGE_BOUND_MS).
        final Map<String, String> purgeable = TopicSpec.changelogConfigs();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CONSENT_STORE),
                Serdes.String(), topics.consentState().valueSerde()).withCachingEnabled().withLoggingEnabled(purgeable));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EXPIRY_STORE),
                Serdes.String(), Serdes.String()).withLoggingEnabled(purgeable));
        // Windowed by the send's time: whole segments drop once the horizon has passed, with no scan.
        // The retention adds the clock skew HitCounter.tracked tolerates, so that an entry is never
        // gone while its message is still tracked. The message, engagement and last-open stores are
        // not cached: their keys rarely repeat within a commit interval, so a cache would only add
        // work (and make the purge's range scan copy it); the consent store is read at every hit.
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(MESSAGE_STORE,
                        settings.dedupeHorizon().plus(HitCounter.CLOCK_SKEW), Duration.ofMillis(1), false),
                Serdes.String(), new MessageStateSerde()).withLoggingEnabled(purgeable));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ENGAGEMENT_STORE),
                Serdes.String(), topics.profileEngagement().valueSerde()).withLoggingEnabled(purgeable));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LAST_OPEN_STORE),
                Serdes.String(), Serdes.Long()).withLoggingEnabled(purgeable));
        // By send time, like the message store: a message's delivery is looked up with its token's send time.
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(DELIVERY_STORE,
                        settings.deliveryHorizon().plus(HitCounter.CLOCK_SKEW), Duration.ofMillis(1), false),
                Serdes.String(), Serdes.Long()).withLoggingEnabled(purgeable));
        for (final String pending : List.of(PENDING_HIT_DELTAS, PENDING_SENT_DELTAS)) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(pending),
                    Serdes.String(), new CampaignDeltaSerde()).withCachingEnabled());
        }
    }

    /**
     * Sums deltas per campaign key. The store caches, so campaign-stats gets one record per campaign
     * per commit rather than one per hit.
     */
    private static void sumByCampaign(final KStream<String, CampaignDelta> deltas, final Topics topics) {
        final Topic<CampaignStats> stats = topics.campaignStats();
        deltas.repartition(Repartitioned.<String, CampaignDelta>as(CAMPAIGN_DELTAS)
                        .withKeySerde(Serdes.String()).withValueSerde(new CampaignDeltaSerde()))
                .groupByKey(Grouped.with(Serdes.String(), new CampaignDeltaSerde()))
                .aggregate(CampaignTotals::empty, (campaign, delta, total) -> CampaignTotals.add(total, delta),
                        Named.as("aggregator-campaign-sum"),
                        Materialized.<String, CampaignStats, KeyValueStore<Bytes, byte[]>>as(CAMPAIGN_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(stats.valueSerde()))
                .toStream(Named.as("aggregator-campaign-stats-changes"))
                .to(stats.name(), produced(stats, "aggregator-campaign-stats-sink"));
    }

    private static <V extends SpecificRecord> Produced<String, V> produced(
            final Topic<V> topic, final String name) {
        return Produced.with(topic.keySerde(), topic.valueSerde()).withName(name);
    }
}
