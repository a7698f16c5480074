package io.pixelgate.aggregator;

import static io.pixelgate.aggregator.AggregatorStores.DELIVERIES_BY_MESSAGE;
import static io.pixelgate.aggregator.AggregatorStores.DELIVERIES_BY_PROFILE;
import static io.pixelgate.aggregator.AggregatorStores.DELIVERY_ROUTE_STORE;
import static io.pixelgate.aggregator.AggregatorStores.DELIVERY_STORE;
import static io.pixelgate.aggregator.AggregatorStores.PENDING_SENT_DELTAS;
import static io.pixelgate.aggregator.AggregatorStores.SEND_ROUTES;
import static io.pixelgate.aggregator.AggregatorStores.WAITING_DELIVERY_STORE;

import io.pixelgate.aggregator.campaign.CampaignDelta;
import io.pixelgate.aggregator.campaign.CampaignTotals;
import io.pixelgate.aggregator.campaign.SmallCampaigns;
import io.pixelgate.aggregator.delivery.DeliveryFact;
import io.pixelgate.aggregator.delivery.DeliveryKeeper;
import io.pixelgate.aggregator.delivery.DeliveryRouter;
import io.pixelgate.aggregator.delivery.DeliveryValidation;
import io.pixelgate.events.CampaignStats;
import io.pixelgate.events.Hit;
import io.pixelgate.events.TrackedSend;
import io.pixelgate.events.TrackingMode;
import io.pixelgate.platform.Inputs;
import io.pixelgate.platform.Outputs;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.Topics;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

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
 * task sums its deltas per campaign first ({@link PendingDeltas}), so that repartition carries one
 * record per campaign and flush interval instead of one per hit.
 *
 * <p>Deliveries name only their message; the routes of tracked sends give its profile. Both are
 * repartitioned by message id to the same partition count, meet in {@link DeliveryRouter}, and the
 * delivery then goes by profile id to the task that counts the message's hits. That repartition
 * must have the hit topics' partition count ({@link AggregatorSettings#profilePartitions}), so both
 * delivery repartitions are given it.
 */
public final class AggregatorTopology {

    /** Where the campaign deltas of both sides meet, summed per task, on their way to the repartition. */
    private static final String DELTAS = "aggregator-deltas";

    private AggregatorTopology() {
    }

    public static Topology build(final Topics topics, final AggregatorSettings settings) {
        return build(topics, settings, HitMeter.NONE);
    }

    /** As above, telling {@code meter} the class of every hit counted (the operations endpoint's hit counters). */
    public static Topology build(final Topics topics, final AggregatorSettings settings, final HitMeter meter) {
        final StreamsBuilder builder = new StreamsBuilder();
        final Inputs inputs = new Inputs(builder, topics);
        AggregatorStores.addTo(builder, topics, settings);
        final KStream<String, Hit> hits = inputs.read(topics.openHits(), "aggregator-open-hit")
                .merge(inputs.read(topics.clickHits(), "aggregator-click-hit"), Named.as("aggregator-hits"));
        final KStream<String, byte[]> hitOutputs = hits
                .process(() -> new CountHits(settings, topics, meter, DELTAS), Named.as("aggregator-count-hit"),
                        AggregatorStores.hitStores());
        writeTo(hitOutputs, topics.profileEngagement(), CountHits.ENGAGEMENT_SINK);
        writeTo(hitOutputs, topics.lastOpen(), CountHits.LAST_OPEN_SINK);
        final KStream<String, byte[]> consentOutputs = inputs
                .readCompacted(topics.consentState(), "aggregator-consent-state", UnaryOperator.identity())
                .process(() -> new ApplyConsent(settings, topics), Named.as("aggregator-apply-consent"),
                        AggregatorStores.consentStores());
        // A null engagement record is the tombstone of a withdrawal.
        writeTo(consentOutputs, topics.profileEngagement(), ApplyConsent.ENGAGEMENT_SINK);
        writeTo(consentOutputs, topics.purgeLog(), ApplyConsent.PURGE_SINK);
        // Null last-open dates are the tombstones of an erasure or of the retention period.
        writeTo(consentOutputs, topics.lastOpen(), ApplyConsent.LAST_OPEN_SINK);

        final KStream<String, TrackedSend> trackedSends = inputs.read(topics.trackedSends(), "aggregator-tracked-send");
        routeDeliveries(inputs, topics, settings, trackedSends);
        final KStream<String, byte[]> sentDeltas = trackedSends
                .map((messageId, send) -> {
                    final CampaignDelta delta = CampaignTotals.sent(send);
                    return KeyValue.pair(delta.key(), delta);
                }, Named.as("aggregator-sent-delta"))
                .process(() -> new SumDeltas(PENDING_SENT_DELTAS, settings.campaignFlush(), DELTAS),
                        Named.as("aggregator-sum-sent-deltas"), PENDING_SENT_DELTAS);
        sumByCampaign(hitOutputs.merge(sentDeltas, Named.as(DELTAS)), topics, settings);
        return builder.build();
    }

    /** A sink named {@code name} of {@code outputs}: the processor forwards to it by that name. */
    private static void writeTo(final KStream<String, byte[]> outputs, final Topic<?> topic, final String name) {
        outputs.to(topic.name(), Outputs.encoded(topic, name));
    }

    /**
     * Brings each delivery to the task of its message's profile (see the class comment). Sends
     * without a message token (anonymous, none) have no hits to time, so they need no route.
     */
    private static void routeDeliveries(final Inputs inputs, final Topics topics,
                                        final AggregatorSettings settings,
                                        final KStream<String, TrackedSend> trackedSends) {
        final KStream<String, DeliveryFact> routes = trackedSends
                .filter((messageId, send) -> send.getTrackingMode() == TrackingMode.PERSONAL
                        || send.getTrackingMode() == TrackingMode.DELIVERABILITY, Named.as("aggregator-identified-send"))
                .map((messageId, send) -> KeyValue.pair(send.getMessageId(), new DeliveryFact(send.getMessageId(),
                        send.getProfileId(), send.getRequestedAt().toEpochMilli(), 0)), Named.as("aggregator-send-route"))
                .repartition(AggregatorStores.deliveryFacts(SEND_ROUTES, settings));
        inputs.read(topics.deliveries(), "aggregator-delivery", DeliveryValidation::check)
                .map((key, delivery) -> KeyValue.pair(delivery.getMessageId(), new DeliveryFact(delivery.getMessageId(),
                        null, 0, delivery.getDeliveredAt().toEpochMilli())), Named.as("aggregator-delivery-fact"))
                .repartition(AggregatorStores.deliveryFacts(DELIVERIES_BY_MESSAGE, settings))
                .merge(routes, Named.as("aggregator-delivery-and-routes"))
                .process(() -> new DeliveryRouter(DELIVERY_ROUTE_STORE, WAITING_DELIVERY_STORE,
                        settings.deliveryHorizon()), Named.as("aggregator-route-delivery"),
                        DELIVERY_ROUTE_STORE, WAITING_DELIVERY_STORE)
                .repartition(AggregatorStores.deliveryFacts(DELIVERIES_BY_PROFILE, settings))
                .process(() -> new DeliveryKeeper(DELIVERY_STORE, AggregatorStores::messageKey),
                        Named.as("aggregator-keep-delivery"), DELIVERY_STORE);
    }

    /**
     * Sums deltas per campaign key. The store caches, so campaign-stats gets one record per campaign
     * per commit rather than one per hit. The store keeps the real sums; a small campaign's record
     * is withheld only on its way out ({@link SmallCampaigns}), so it is exact once published.
     */
    private static void sumByCampaign(final KStream<String, byte[]> deltas, final Topics topics,
                                      final AggregatorSettings settings) {
        final Topic<CampaignStats> stats = topics.campaignStats();
        deltas.repartition(AggregatorStores.campaignDeltas())
                .mapValues(AggregatorStores::decodeDelta, Named.as("aggregator-campaign-delta"))
                .groupByKey(AggregatorStores.byCampaign())
                .aggregate(CampaignTotals::empty, (campaign, delta, total) -> CampaignTotals.add(total, delta),
                        Named.as("aggregator-campaign-sum"),
                        AggregatorStores.campaignStats(topics))
                .toStream(Named.as("aggregator-campaign-stats-changes"))
                .mapValues(totals -> SmallCampaigns.published(totals, settings.minRecipients()),
                        Named.as("aggregator-campaign-publish"))
                .to(stats.name(), Outputs.produced(stats, "aggregator-campaign-stats-sink"));
    }
}
