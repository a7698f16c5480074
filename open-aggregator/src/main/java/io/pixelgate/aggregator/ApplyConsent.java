package io.pixelgate.aggregator;

import io.pixelgate.aggregator.profile.Engagements;
import io.pixelgate.aggregator.profile.Holdings;
import io.pixelgate.aggregator.profile.PurgePlan;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.ProfileEngagement;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurgeRecord;
import io.pixelgate.events.PurposeConsent;
import io.pixelgate.platform.Outputs;
import io.pixelgate.schemas.Topics;
import io.pixelgate.schemas.consent.Consents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the task's copy of each profile's consent, and purges what a profile no longer consents to
 * (SPEC.md section 1, withdrawal): its message entries with OPEN_MEASUREMENT, its engagement record
 * and a tombstone for it with ENGAGEMENT_PROFILING, the cross-channel mark with CROSS_CHANNEL; then
 * a purge-log record of what went. Last-open dates stay: deliverability needs no consent.
 *
 * <p>Grants that expire produce no consent change, so a wall-clock sweep over an index of expiry
 * times purges them too.
 */
final class ApplyConsent implements Processor<String, ConsentState, String, byte[]> {

    /** Its child that takes the engagement records and tombstones it writes. */
    static final String ENGAGEMENT_SINK = "aggregator-consent-engagement-sink";
    /** Its child that takes the purge records it writes. */
    static final String PURGE_SINK = "aggregator-purge-sink";

    private final AggregatorSettings settings;
    private final Topics topics;
    private final String engagementTopic;
    private ProcessorContext<String, byte[]> context;
    private AggregatorStores stores;
    private KeyValueStore<String, String> expiries;

    ApplyConsent(final AggregatorSettings settings, final Topics topics) {
        this.settings = settings;
        this.topics = topics;
        this.engagementTopic = topics.profileEngagement().name();
    }

    @Override
    public void init(final ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.stores = new AggregatorStores(context, topics);
        this.expiries = AggregatorStores.expiries(context);
        context.schedule(settings.expiryCheck(), PunctuationType.WALL_CLOCK_TIME, this::purgeExpired);
    }

    @Override
    public void process(final Record<String, ConsentState> record) {
        final String profileId = record.key();
        final ConsentState after = record.value();
        final Instant at = Instant.ofEpochMilli(record.timestamp());
        final ConsentState before = stores.consents.get(profileId);
        if (after == null) {
            stores.consents.delete(profileId);
        } else {
            stores.consents.put(profileId, after);
            indexExpiries(profileId, after, at);
        }
        apply(profileId, before, after, at);
    }

    /** Purges what is no longer granted, or else brings the cross-channel mark up to date. */
    private void apply(final String profileId, final ConsentState before, final ConsentState after, final Instant at) {
        final ProfileEngagement engagement = stores.engagement(profileId);
        // Scanning the message store is the costly part: only needed when measurement is not granted.
        final boolean messagesHeld = !Consents.granted(after, Purpose.OPEN_MEASUREMENT, at)
                && stores.holdsMessages(profileId);
        final PurgePlan plan = PurgePlan.of(before, after, at, new Holdings(messagesHeld,
                engagement != null, engagement != null && engagement.getCrossChannelAllowed()));
        if (!plan.isEmpty()) {
            purge(profileId, plan, engagement, at);
        } else if (engagement != null) {
            final ProfileEngagement updated = Engagements.withCrossChannel(engagement,
                    Consents.granted(after, Purpose.CROSS_CHANNEL, at));
            if (updated != engagement) {
                writeEngagement(profileId, updated, at);
            }
        }
    }

    private void purge(final String profileId, final PurgePlan plan, final ProfileEngagement engagement,
                       final Instant at) {
        final Map<String, Long> purged = new TreeMap<>();
        if (plan.purposes().contains(Purpose.OPEN_MEASUREMENT)) {
            purged.put(AggregatorStores.MESSAGE_STORE, stores.deleteMessages(profileId));
        }
        if (plan.purposes().contains(Purpose.ENGAGEMENT_PROFILING)) {
            stores.deleteEngagement(profileId);
            purged.put(AggregatorStores.ENGAGEMENT_STORE, engagement == null ? 0L : 1L);
            // Always a tombstone: the record may be on the topic even when this task no longer has it.
            emit(profileId, null, ENGAGEMENT_SINK, at);
            purged.put(engagementTopic, 1L);
        } else if (plan.purposes().contains(Purpose.CROSS_CHANNEL) && engagement != null) {
            writeEngagement(profileId, Engagements.withCrossChannel(engagement, false), at);
            purged.put(engagementTopic + ".crossChannelAllowed", engagement.getCrossChannelAllowed() ? 1L : 0L);
        }
        final List<Purpose> purposes = new ArrayList<>(plan.purposes());
        purposes.sort(null);
        final PurgeRecord record = PurgeRecord.newBuilder()
                .setProfileId(profileId)
                .setPurposes(purposes)
                .setReason(plan.reason())
                .setConsentEventId(plan.consentEventId())
                .setPurgedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
                .setPurged(purged)
                .build();
        emit(profileId, Outputs.encode(topics.purgeLog(), profileId, record), PURGE_SINK, at);
    }

    /** Index entries sort by expiry time, so the sweep reads only those that are due. */
    private void indexExpiries(final String profileId, final ConsentState state, final Instant at) {
        for (final PurposeConsent entry : state.getPurposes()) {
            if (entry.getStatus() == ConsentStatus.GRANTED && entry.getExpiresAt() != null
                    && entry.getExpiresAt().isAfter(at)) {
                expiries.put(AggregatorStores.expiryKey(entry.getExpiresAt().toEpochMilli(), profileId), profileId);
            }
        }
    }

    private void purgeExpired(final long now) {
        final List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = expiries.range(AggregatorStores.expiryKey(0, ""),
                AggregatorStores.dueBy(now))) {
            entries.forEachRemaining(due::add);
        }
        for (final KeyValue<String, String> entry : due) {
            expiries.delete(entry.key);
            final ConsentState state = stores.consents.get(entry.value);
            // The same state before and after: only data held beyond its grant's expiry is purged.
            apply(entry.value, state, state, Instant.ofEpochMilli(now));
        }
    }

    private void writeEngagement(final String profileId, final ProfileEngagement engagement, final Instant at) {
        final byte[] encoded = Outputs.encode(topics.profileEngagement(), profileId, engagement);
        stores.putEngagement(profileId, encoded);
        emit(profileId, encoded, ENGAGEMENT_SINK, at);
    }

    private void emit(final String profileId, final byte[] encoded, final String sink, final Instant at) {
        context.forward(new Record<>(profileId, encoded, at.toEpochMilli()), sink);
    }
}
