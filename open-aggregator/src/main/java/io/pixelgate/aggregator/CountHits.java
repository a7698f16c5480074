package io.pixelgate.aggregator;

import io.pixelgate.aggregator.profile.ConsentView;
import io.pixelgate.aggregator.message.Counted;
import io.pixelgate.aggregator.profile.Engagements;
import io.pixelgate.aggregator.message.HitCounter;
import io.pixelgate.aggregator.message.MessageState;
import io.pixelgate.aggregator.verify.TokenVerifier;
import io.pixelgate.aggregator.verify.VerifiedToken;
import io.pixelgate.events.Hit;
import io.pixelgate.events.HitKind;
import io.pixelgate.events.LastOpen;
import io.pixelgate.events.ProfileEngagement;
import io.pixelgate.platform.Outputs;
import io.pixelgate.schemas.Topics;
import io.pixelgate.tokens.IdentifiedMode;
import io.pixelgate.tokens.MessageIdentity;
import io.pixelgate.tokens.TokenCodec;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Counts each hit within the consent its profile has at the hit. Runs on hits keyed by profile, in
 * the task that also holds the profile's consent, messages and engagement; it sums campaign deltas
 * (by campaign) until the next flush and writes the profile's new engagement record or last-open
 * date, each to its own sink.
 */
final class CountHits implements Processor<String, Hit, String, byte[]> {

    /** Its child that takes the engagement records it writes. */
    static final String ENGAGEMENT_SINK = "aggregator-hit-engagement-sink";
    /** Its child that takes the last-open dates it writes. */
    static final String LAST_OPEN_SINK = "aggregator-last-open-sink";

    private final AggregatorSettings settings;
    private final Topics topics;
    private final String deltas;
    private final TokenVerifier verifier;
    private final HitCounter counter;
    private final HitMeter meter;
    private ProcessorContext<String, byte[]> context;
    private AggregatorStores stores;
    private PendingDeltas pending;
    private AnonymousSources sources;

    /** Forwards the summed campaign deltas to its child {@code deltas}. */
    CountHits(final AggregatorSettings settings, final Topics topics, final HitMeter meter, final String deltas) {
        this.settings = settings;
        this.topics = topics;
        this.meter = meter;
        this.deltas = deltas;
        this.verifier = new TokenVerifier(new TokenCodec(settings.tokenKeys()));
        this.counter = new HitCounter(settings.classifier(), settings.score());
    }

    @Override
    public void init(final ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.stores = new AggregatorStores(context, topics, settings);
        this.sources = new AnonymousSources(context.getStateStore(AggregatorStores.ANONYMOUS_SOURCE_STORE),
                settings.anonymousSourceWindow());
        this.pending = new PendingDeltas(context, AggregatorStores.PENDING_HIT_DELTAS, settings.campaignFlush(), deltas);
    }

    @Override
    public void process(final Record<String, Hit> record) {
        final Hit hit = record.value();
        final VerifiedToken token = verifier.verify(hit.getKind(), hit.getToken());
        if (token instanceof VerifiedToken.Rejected rejected) {
            meter.counted(hit.getKind(), HitMeter.REJECTED);
            pending.add(HitCounter.rejected(rejected.campaign(), hit.getReceivedAt().toEpochMilli()));
        } else if (token instanceof VerifiedToken.Campaign anonymous) {
            pending.add(metered(hit, counter.unattributed(hit, anonymous.campaign(), null, null,
                    anonymous.linkIndex())).delta());
            if (hit.getKind() == HitKind.OPEN) {
                sources.counted(hit, anonymous.campaign(), context.currentStreamTimeMs()).ifPresent(pending::add);
            }
        } else {
            countMessageHit(record, (VerifiedToken.Message) token);
        }
    }

    @Override
    public void close() {
        pending.close();
    }

    private void countMessageHit(final Record<String, Hit> record, final VerifiedToken.Message token) {
        final Hit hit = record.value();
        final MessageIdentity message = token.message();
        final Instant sentAt = Instant.ofEpochMilli(message.sentAt());
        final Instant deliveredAt = deliveredAt(message);
        // The edge keys such hits by profile, which puts them in the task holding the profile's
        // consent. A hit keyed otherwise cannot see that consent here: it counts unattributed.
        final boolean local = message.profileId().equals(record.key());
        if (!local || message.mode() == IdentifiedMode.DELIVERABILITY) {
            final Counted counted = metered(hit, counter.unattributed(hit, message.campaign(), sentAt, deliveredAt,
                    token.linkIndex()));
            pending.add(counted.delta());
            if (local && counted.verdict().human()) {
                updateLastOpen(record, message.profileId(), hit.getReceivedAt());
            }
            return;
        }
        final ConsentView consent = ConsentView.at(stores.consents.get(message.profileId()), hit.getReceivedAt());
        if (!consent.openMeasurement()) {
            pending.add(metered(hit, counter.unattributed(hit, message.campaign(), sentAt, deliveredAt,
                    token.linkIndex())).delta());
            return;
        }
        final Counted counted = metered(hit, countAttributed(hit, token, sentAt, deliveredAt));
        pending.add(counted.delta());
        if (consent.profiling()) {
            final ProfileEngagement before = stores.engagement(message.profileId());
            final ProfileEngagement engagement = Engagements.apply(before,
                    message.profileId(), counted.engagement(), consent.crossChannel(), settings.score());
            final byte[] encoded = Outputs.encode(topics.profileEngagement(), message.profileId(), engagement);
            stores.putEngagement(message.profileId(), before, engagement, encoded);
            context.forward(record.withKey(message.profileId()).withValue(encoded), ENGAGEMENT_SINK);
        }
    }

    /**
     * When the message was delivered, if its delivery reached this task: only a hit keyed by its
     * own profile is here, and a delivery that comes after the hit does not re-time it.
     */
    private Instant deliveredAt(final MessageIdentity message) {
        final Long at = stores.deliveries.fetch(AggregatorStores.messageKey(message.profileId(), message.messageId()),
                message.sentAt());
        return at == null ? null : Instant.ofEpochMilli(at);
    }

    private Counted countAttributed(final Hit hit, final VerifiedToken.Message token, final Instant sentAt,
                                    final Instant deliveredAt) {
        final MessageIdentity message = token.message();
        final boolean tracked = HitCounter.tracked(sentAt, hit.getReceivedAt(), settings.dedupeHorizon());
        final String key = AggregatorStores.messageKey(message.profileId(), message.messageId());
        final MessageState before = tracked ? stores.messages.fetch(key, message.sentAt()) : null;
        final Counted counted = counter.attributed(hit, message, token.linkIndex(), before, tracked, deliveredAt);
        if (counted.message() != null && !counted.message().equals(before)) {
            stores.messages.put(key, counted.message(), message.sentAt());
        }
        return counted;
    }

    /** Deliverability's one per-profile fact: the latest human open (scanners would keep every address alive). */
    private void updateLastOpen(final Record<String, Hit> record, final String profileId, final Instant at) {
        final Long known = stores.lastOpens.get(profileId);
        if (known == null || known < at.toEpochMilli()) {
            final byte[] encoded = Outputs.encode(topics.lastOpen(), profileId, new LastOpen(profileId, at));
            stores.putLastOpen(profileId, known, at.toEpochMilli());
            context.forward(record.withKey(profileId).withValue(encoded), LAST_OPEN_SINK);
        }
    }

    private Counted metered(final Hit hit, final Counted counted) {
        meter.counted(hit.getKind(), counted.verdict().hitClass().name());
        return counted;
    }
}
