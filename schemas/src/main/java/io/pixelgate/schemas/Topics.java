package io.pixelgate.schemas;

import io.pixelgate.events.CampaignStats;
import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentLedgerEntry;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.Delivery;
import io.pixelgate.events.ErasureRequest;
import io.pixelgate.events.Hit;
import io.pixelgate.events.LastOpen;
import io.pixelgate.events.ProfileEngagement;
import io.pixelgate.events.ProfileKey;
import io.pixelgate.events.ProjectSettings;
import io.pixelgate.events.PurgeRecord;
import io.pixelgate.events.RejectedRecord;
import io.pixelgate.events.SendRequest;
import io.pixelgate.events.TrackedSend;
import io.pixelgate.schemas.registry.SchemaRegistryClient;
import io.pixelgate.schemas.serde.ConfluentAvroSerde;
import io.pixelgate.schemas.serde.InputLimits;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every Pixelgate topic, typed, named from one configurable prefix (SPEC.md section 2). Topologies
 * take topics from here and never spell a topic name or build a serde themselves.
 */
public final class Topics {

    /** The default prefix of every topic name. */
    public static final String DEFAULT_PREFIX = "pixelgate.";

    /**
     * The header an erasure's outputs carry, the request's id in UTF-8: on the consent-state
     * tombstone it tells readers that the profile was erased (only an erasure writes that tombstone).
     */
    public static final String ERASURE_REQUEST_HEADER = "pixelgate.erasure-request";

    private final Topic<ConsentChange> consentChanges;
    private final Topic<SendRequest> sendRequests;
    private final Topic<ProjectSettings> projectSettings;
    private final Topic<Hit> openHits;
    private final Topic<Hit> clickHits;
    private final Topic<ConsentState> consentState;
    private final Topic<ConsentLedgerEntry> consentLedger;
    private final Topic<TrackedSend> trackedSends;
    private final Topic<ProfileEngagement> profileEngagement;
    private final Topic<CampaignStats> campaignStats;
    private final Topic<LastOpen> lastOpen;
    private final Topic<PurgeRecord> purgeLog;
    private final Topic<RejectedRecord> rejected;
    private final Topic<ProjectSettings> projectSettingsAccepted;
    private final InputLimits limits;
    private final Topic<Delivery> deliveries;
    private final Topic<ErasureRequest> erasureRequests;
    private final Topic<ProfileKey> profileKeys;

    private Topics(final String prefix, final long personalRetentionMs, final SchemaRegistryClient registry,
                   final InputLimits limits) {
        this.limits = limits;
        final Factory f = new Factory(prefix, registry, limits);
        // Every delete-policy topic that holds personal data in the clear keeps it for one retention,
        // the bound within which an erasure leaves no readable copy (SPEC.md section 1); the ledger
        // (sealed) and the purge-log (profile ids only) are proof and kept.
        consentChanges = f.topic("consent-changes", ConsentChange.class, TopicSpec.input(personalRetentionMs));
        sendRequests = f.topic("send-requests", SendRequest.class, TopicSpec.input(personalRetentionMs));
        projectSettings = f.topic("project-settings", ProjectSettings.class, TopicSpec.compactedInput());
        openHits = f.topic("open-hits", Hit.class, TopicSpec.hits(personalRetentionMs));
        clickHits = f.topic("click-hits", Hit.class, TopicSpec.hits(personalRetentionMs));
        consentState = f.topic("consent-state", ConsentState.class, TopicSpec.compacted());
        consentLedger = f.topic("consent-ledger", ConsentLedgerEntry.class, TopicSpec.proof());
        trackedSends = f.topic("tracked-sends", TrackedSend.class, TopicSpec.personalOutput(personalRetentionMs)
                .withMaxMessageBytes(TopicSpec.TRACKED_SEND_MAX_MESSAGE_BYTES));
        profileEngagement = f.topic("profile-engagement", ProfileEngagement.class, TopicSpec.compacted());
        campaignStats = f.topic("campaign-stats", CampaignStats.class, TopicSpec.compacted());
        lastOpen = f.topic("last-open", LastOpen.class, TopicSpec.compacted());
        purgeLog = f.topic("purge-log", PurgeRecord.class, TopicSpec.proof());
        rejected = f.topic("rejected", RejectedRecord.class, TopicSpec.personalOutput(personalRetentionMs));
        projectSettingsAccepted = f.topic("project-settings-accepted", ProjectSettings.class, TopicSpec.compacted());
        // Optional input; its records only matter until the hits of the first minutes after delivery.
        deliveries = f.topic("deliveries", Delivery.class, TopicSpec.input(personalRetentionMs));
        erasureRequests = f.topic("erasure-requests", ErasureRequest.class, TopicSpec.input(personalRetentionMs));
        // The keys that seal the ledger's personal fields: an erasure tombstones one (crypto-shredding).
        profileKeys = f.topic("profile-keys", ProfileKey.class, TopicSpec.compacted());
    }

    /**
     * @param prefix         prepended to every topic name, e.g. {@code pixelgate.}
     * @param personalRetentionMs retention of the delete-policy topics that hold personal data in the clear
     * @param registry       where value schemas are registered and looked up
     * @param limits         what the values of topics users and the edge write may hold
     */
    public static Topics create(final String prefix, final long personalRetentionMs,
                                final SchemaRegistryClient registry, final InputLimits limits) {
        return new Topics(prefix, personalRetentionMs, registry, limits);
    }

    /** With the default input limits (tests, tools). */
    public static Topics create(final String prefix, final long personalRetentionMs,
                                final SchemaRegistryClient registry) {
        return create(prefix, personalRetentionMs, registry, InputLimits.defaults());
    }

    /** What the values of topics users and the edge write may hold. */
    public InputLimits limits() {
        return limits;
    }

    public Topic<ConsentChange> consentChanges() {
        return consentChanges;
    }

    public Topic<SendRequest> sendRequests() {
        return sendRequests;
    }

    public Topic<ProjectSettings> projectSettings() {
        return projectSettings;
    }

    public Topic<Hit> openHits() {
        return openHits;
    }

    public Topic<Hit> clickHits() {
        return clickHits;
    }

    public Topic<ConsentState> consentState() {
        return consentState;
    }

    public Topic<ConsentLedgerEntry> consentLedger() {
        return consentLedger;
    }

    public Topic<TrackedSend> trackedSends() {
        return trackedSends;
    }

    public Topic<ProfileEngagement> profileEngagement() {
        return profileEngagement;
    }

    public Topic<CampaignStats> campaignStats() {
        return campaignStats;
    }

    public Topic<LastOpen> lastOpen() {
        return lastOpen;
    }

    public Topic<PurgeRecord> purgeLog() {
        return purgeLog;
    }

    public Topic<RejectedRecord> rejected() {
        return rejected;
    }

    /**
     * Project settings the send-enricher has read and accepted, for its global store (compacted,
     * written only by the send-enricher): a global store cannot send what it cannot read to the
     * rejected topic, so project-settings is read as a stream first, and only what passes lands here.
     */
    public Topic<ProjectSettings> projectSettingsAccepted() {
        return projectSettingsAccepted;
    }

    /** Delivery events from the MTA, key messageId (optional input). */
    public Topic<Delivery> deliveries() {
        return deliveries;
    }

    public Topic<ErasureRequest> erasureRequests() {
        return erasureRequests;
    }

    public Topic<ProfileKey> profileKeys() {
        return profileKeys;
    }

    /** Every topic Pixelgate creates: SPEC.md's, in its order, then those its applications keep for themselves. */
    public List<Topic<?>> all() {
        return List.of(consentChanges, sendRequests, projectSettings, openHits, clickHits, consentState,
                consentLedger, trackedSends, profileEngagement, campaignStats, lastOpen, purgeLog, rejected,
                deliveries, erasureRequests, projectSettingsAccepted, profileKeys);
    }

    private record Factory(String prefix, SchemaRegistryClient registry, InputLimits limits) {
        <V extends SpecificRecord> Topic<V> topic(final String name, final Class<V> type, final TopicSpec spec) {
            return new Topic<>(prefix + name, type, new ConfluentAvroSerde<>(type, registry), spec, limits);
        }
    }
}
