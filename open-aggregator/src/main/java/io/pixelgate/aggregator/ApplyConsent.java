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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
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
 * <p>A consent-state tombstone is an erasure (consent-events writes one for an erasure request and
 * for nothing else): everything held for the profile goes, last-open included (SPEC.md section 1,
 * erasure).
 *
 * <p>Grants that expire produce no consent change, so a wall-clock sweep over an index of expiry
 * times purges them too; another sweep expires engagement records and last-open dates kept past
 * their retention period (storage limitation).
 */
final class ApplyConsent implements Processor<String, ConsentState, String, byte[]> {

    /** Its child that takes the engagement records and tombstones it writes. */
    static final String ENGAGEMENT_SINK = "aggregator-consent-engagement-sink";
    /** Its child that takes the purge records it writes. */
    static final String PURGE_SINK = "aggregator-purge-sink";
    /** Its child that takes the last-open tombstones it writes. */
    static final String LAST_OPEN_SINK = "aggregator-consent-last-open-sink";

    private final AggregatorSettings settings;
    private final Topics topics;
    private final String engagementTopic;
    private final String lastOpenTopic;
    private ProcessorContext<String, byte[]> context;
    private AggregatorStores stores;
    private KeyValueStore<String, String> expiries;
    private Cancellable expiryChecks;
    private Cancellable retentionChecks;

    ApplyConsent(final AggregatorSettings settings, final Topics topics) {
        this.settings = settings;
        this.topics = topics;
        this.engagementTopic = topics.profileEngagement().name();
        this.lastOpenTopic = topics.lastOpen().name();
    }

    @Override
    public void init(final ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.stores = new AggregatorStores(context, topics, settings);
        this.expiries = AggregatorStores.expiries(context);
        this.expiryChecks = context.schedule(settings.expiryCheck(), PunctuationType.WALL_CLOCK_TIME,
                this::purgeExpired);
        // Wall clock: a storage limit is a period of real time, and stream time stands still while
        // no consent change comes in.
        this.retentionChecks = context.schedule(settings.retention().check(), PunctuationType.WALL_CLOCK_TIME,
                this::expireRetained);
    }

    /** Kafka Streams keeps a revived task's punctuators (see {@link PendingDeltas#close}): one set per instance. */
    @Override
    public void close() {
        expiryChecks.cancel();
        retentionChecks.cancel();
    }

    @Override
    public void process(final Record<String, ConsentState> record) {
        final String profileId = record.key();
        final ConsentState after = record.value();
        final Instant at = Instant.ofEpochMilli(record.timestamp());
        if (after == null) {
            erase(profileId, erasureRequest(record), at);
            return;
        }
        final ConsentState before = stores.consents.get(profileId);
        stores.consents.put(profileId, after);
        indexExpiries(profileId, after, at);
        apply(profileId, before, after, at);
    }

    /** The request id the tombstone's header names, or null. */
    private static String erasureRequest(final Record<String, ConsentState> record) {
        final Header header = record.headers().lastHeader(Topics.ERASURE_REQUEST_HEADER);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * Removes everything this task holds for the profile, writes tombstones on both compacted
     * outputs keyed by it (the records may be on the topics even when this task no longer has them)
     * and one purge-log record. Campaign counters stay: they hold no personal data. Later hits on the
     * profile's earlier pixels find no consent, so they count at the campaign level only.
     */
    private void erase(final String profileId, final String requestId, final Instant at) {
        final Map<String, Long> purged = new TreeMap<>();
        purged.put(AggregatorStores.CONSENT_STORE, stores.consents.delete(profileId) == null ? 0L : 1L);
        purged.put(AggregatorStores.EXPIRY_STORE, deleteExpiries(profileId));
        purged.put(AggregatorStores.MESSAGE_STORE, stores.deleteMessages(profileId));
        purged.put(AggregatorStores.DELIVERY_STORE, AggregatorStores.deleteEntries(stores.deliveries, profileId));
        final ProfileEngagement engagement = stores.engagement(profileId);
        stores.deleteEngagement(profileId, engagement);
        purged.put(AggregatorStores.ENGAGEMENT_STORE, engagement == null ? 0L : 1L);
        purged.put(AggregatorStores.LAST_OPEN_STORE, stores.deleteLastOpen(profileId) ? 1L : 0L);
        emit(profileId, null, ENGAGEMENT_SINK, at);
        purged.put(engagementTopic, 1L);
        emit(profileId, null, LAST_OPEN_SINK, at);
        purged.put(lastOpenTopic, 1L);
        final String reason = requestId == null ? "ERASED (the consent-state tombstone named no request)"
                : "ERASED by request " + requestId;
        writePurgeLog(profileId, List.of(Purpose.values()), reason, requestId, purged, at);
    }

    /**
     * Deletes the profile's entries in the expiry index, which is keyed by time: a scan of the
     * task's pending grant expiries, paid only at an erasure.
     */
    private long deleteExpiries(final String profileId) {
        final List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = expiries.all()) {
            entries.forEachRemaining(entry -> {
                if (profileId.equals(entry.value)) {
                    keys.add(entry.key);
                }
            });
        }
        keys.forEach(expiries::delete);
        return keys.size();
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
            stores.deleteEngagement(profileId, engagement);
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
        writePurgeLog(profileId, purposes, plan.reason(), plan.consentEventId(), purged, at);
    }

    private void writePurgeLog(final String profileId, final List<Purpose> purposes, final String reason,
                               final String consentEventId, final Map<String, Long> purged, final Instant at) {
        final PurgeRecord record = PurgeRecord.newBuilder()
                .setProfileId(profileId)
                .setPurposes(purposes)
                .setReason(reason)
                .setConsentEventId(consentEventId)
                .setPurgedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
                .setPurged(purged)
                .build();
        emit(profileId, Outputs.encode(topics.purgeLog(), profileId, record), PURGE_SINK, at);
    }

    /**
     * Storage limitation: engagement records not updated within their period, and last-open dates
     * older than theirs, go with a tombstone and a purge-log record. The message entries need no
     * sweep: their window store drops them after the dedupe horizon.
     */
    private void expireRetained(final long now) {
        final AggregatorSettings.Retention retention = settings.retention();
        for (final RetentionIndex.Due due : stores.retention.due(RetentionIndex.Kind.ENGAGEMENT,
                now - retention.engagement().toMillis())) {
            final ProfileEngagement engagement = stores.engagement(due.profileId());
            if (current(due, engagement == null ? null : engagement.getUpdatedAt().toEpochMilli())) {
                stores.deleteEngagement(due.profileId(), engagement);
                emit(due.profileId(), null, ENGAGEMENT_SINK, Instant.ofEpochMilli(now));
                writePurgeLog(due.profileId(), List.of(Purpose.ENGAGEMENT_PROFILING),
                        expired(retention.engagement(), AggregatorSettings.RETENTION_ENGAGEMENT.key()), null,
                        Map.of(AggregatorStores.ENGAGEMENT_STORE, 1L, engagementTopic, 1L), Instant.ofEpochMilli(now));
            }
        }
        for (final RetentionIndex.Due due : stores.retention.due(RetentionIndex.Kind.LAST_OPEN,
                now - retention.lastOpen().toMillis())) {
            if (current(due, stores.lastOpens.get(due.profileId()))) {
                stores.deleteLastOpen(due.profileId());
                emit(due.profileId(), null, LAST_OPEN_SINK, Instant.ofEpochMilli(now));
                // No purpose: the last-open date serves deliverability, which needs no consent.
                writePurgeLog(due.profileId(), List.of(),
                        expired(retention.lastOpen(), AggregatorSettings.RETENTION_LAST_OPEN.key()), null,
                        Map.of(AggregatorStores.LAST_OPEN_STORE, 1L, lastOpenTopic, 1L), Instant.ofEpochMilli(now));
            }
        }
    }

    /**
     * Whether a due index entry is the one of the record (written at {@code writtenAt}, null when
     * gone); a stale entry (left by a different sweep interval before a restart) is dropped, and the
     * record indexed again under its own time.
     */
    private boolean current(final RetentionIndex.Due due, final Long writtenAt) {
        if (writtenAt != null && stores.retention.indexes(due, writtenAt)) {
            return true;
        }
        stores.retention.removed(due);
        if (writtenAt != null) {
            stores.retention.written(due.kind(), due.profileId(), null, writtenAt);
        }
        return false;
    }

    /** E.g. {@code EXPIRED after P365D (aggregator.retention.engagement)}: the period as the setting is written. */
    private static String expired(final Duration period, final String setting) {
        final long days = period.toDays();
        final String written = days > 0 && period.equals(Duration.ofDays(days)) ? "P" + days + "D" : period.toString();
        return "EXPIRED after " + written + " (" + setting + ")";
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
        stores.putEngagement(profileId, engagement, engagement, encoded);
        emit(profileId, encoded, ENGAGEMENT_SINK, at);
    }

    private void emit(final String profileId, final byte[] encoded, final String sink, final Instant at) {
        context.forward(new Record<>(profileId, encoded, at.toEpochMilli()), sink);
    }
}
