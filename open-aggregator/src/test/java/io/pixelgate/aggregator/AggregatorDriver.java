package io.pixelgate.aggregator;

import io.pixelgate.aggregator.message.MessageState;
import io.pixelgate.events.CampaignStats;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.Delivery;
import io.pixelgate.events.Hit;
import io.pixelgate.events.HitKind;
import io.pixelgate.events.LastOpen;
import io.pixelgate.events.ProfileEngagement;
import io.pixelgate.events.PurgeRecord;
import io.pixelgate.events.RejectedRecord;
import io.pixelgate.events.TrackedSend;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.Topics;
import io.pixelgate.testkit.TopologyHarness;
import io.pixelgate.tokens.Claims;
import io.pixelgate.tokens.TokenCodec;
import io.pixelgate.tokens.TokenKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The aggregator topology in a {@link TopologyHarness}, set up as the application sets it up, fed
 * as the edge, the send-enricher and consent-events would feed it, with its outputs and stores at hand.
 */
final class AggregatorDriver implements AutoCloseable {

    private final TokenCodec codec;
    private final TopologyHarness harness;
    private final Topics topics;
    private final Duration campaignFlush;
    private final TestInputTopic<String, byte[]> openHits;
    private final TestInputTopic<String, byte[]> clickHits;
    private final TestInputTopic<String, byte[]> consentState;
    private final TestInputTopic<String, byte[]> trackedSends;
    private final TestInputTopic<String, byte[]> deliveries;
    final TestOutputTopic<String, ProfileEngagement> engagement;
    final TestOutputTopic<String, CampaignStats> campaignStats;
    final TestOutputTopic<String, LastOpen> lastOpen;
    final TestOutputTopic<String, PurgeRecord> purgeLog;
    final TestOutputTopic<String, RejectedRecord> rejected;

    AggregatorDriver(final Path stateDir, final Instant wallClock, final Map<String, String> overrides) {
        final TokenKeys keys = TokenKeys.generate("k1");
        final Map<String, String> settings = new HashMap<>();
        settings.put(CommonSettings.STATE_DIR.key(), stateDir.toString());
        settings.put(CommonSettings.TOKEN_KEYS.key(), keys.toConfigString());
        settings.putAll(overrides);
        this.codec = new TokenCodec(keys);
        this.harness = TopologyHarness.start(new OpenAggregatorApplication(), settings, wallClock);
        this.topics = harness.topics();
        this.campaignFlush = AggregatorSettings.CAMPAIGN_FLUSH.from(harness.runtime().config());
        this.openHits = harness.rawInput(topics.openHits());
        this.clickHits = harness.rawInput(topics.clickHits());
        this.consentState = harness.rawInput(topics.consentState());
        this.trackedSends = harness.rawInput(topics.trackedSends());
        this.deliveries = harness.rawInput(topics.deliveries());
        this.engagement = harness.output(topics.profileEngagement());
        this.campaignStats = harness.output(topics.campaignStats());
        this.lastOpen = harness.output(topics.lastOpen());
        this.purgeLog = harness.output(topics.purgeLog());
        this.rejected = harness.output(topics.rejected());
    }

    String token(final Claims claims) {
        return codec.issue(claims);
    }

    /** A hit as the edge writes it: keyed by profile, campaign or {@code invalid}, Avro-framed. */
    void hit(final String key, final Hit hit) {
        final Topic<Hit> topic = hit.getKind() == HitKind.OPEN ? topics.openHits() : topics.clickHits();
        (hit.getKind() == HitKind.OPEN ? openHits : clickHits)
                .pipeInput(key, encode(topic, hit), hit.getReceivedAt());
    }

    void rawOpenHit(final String key, final byte[] value, final Instant at) {
        openHits.pipeInput(key, value, at);
    }

    void consent(final ConsentState state) {
        consentState.pipeInput(state.getProfileId(), encode(topics.consentState(), state), state.getUpdatedAt());
    }

    void consentDeleted(final String profileId, final Instant at) {
        consentState.pipeInput(profileId, null, at);
    }

    /** The tombstone consent-events writes for an erasure, naming the request in its header (null: none). */
    void consentErased(final String profileId, final String requestId, final Instant at) {
        final RecordHeaders headers = new RecordHeaders();
        if (requestId != null) {
            headers.add(ApplyConsent.ERASURE_REQUEST_HEADER, requestId.getBytes(StandardCharsets.UTF_8));
        }
        consentState.pipeInput(new TestRecord<>(profileId, null, headers, at));
    }

    void delivery(final Delivery delivery) {
        deliveries.pipeInput(delivery.getMessageId(), encode(topics.deliveries(), delivery), delivery.getDeliveredAt());
    }

    void send(final TrackedSend send) {
        trackedSends.pipeInput(send.getMessageId(), encode(topics.trackedSends(), send), send.getDecidedAt());
    }

    void advanceWallClock(final Duration by) {
        harness.driver().advanceWallClockTime(by);
    }

    /**
     * The current counters of a campaign key, or null when nothing was counted for it. Moves the
     * wall clock past the flush interval first, so that every task's summed deltas are counted.
     */
    CampaignStats stats(final String campaignKey) {
        flushDeltas();
        final ValueAndTimestamp<CampaignStats> stats = campaignStore().get(campaignKey);
        return stats == null ? null : stats.value();
    }

    Map<String, CampaignStats> allStats() {
        flushDeltas();
        final Map<String, CampaignStats> all = new HashMap<>();
        try (KeyValueIterator<String, ValueAndTimestamp<CampaignStats>> entries = campaignStore().all()) {
            entries.forEachRemaining(entry -> all.put(entry.key, entry.value.value()));
        }
        return all;
    }

    private void flushDeltas() {
        harness.driver().advanceWallClockTime(campaignFlush);
    }

    private KeyValueStore<String, ValueAndTimestamp<CampaignStats>> campaignStore() {
        return harness.driver().getTimestampedKeyValueStore(AggregatorStores.CAMPAIGN_STORE);
    }

    ProfileEngagement storedEngagement(final String profileId) {
        return AggregatorStores.engagementOf(harness.store(AggregatorStores.ENGAGEMENT_STORE),
                topics.profileEngagement(), profileId);
    }

    /**
     * Stores {@code engagement} as the store's own serde wrote it before the store kept the output's
     * bytes: framed with the id of the schema registered for its changelog topic.
     */
    void storeEngagementAsBefore(final ProfileEngagement engagement) {
        final String changelog = OpenAggregatorApplication.APPLICATION_ID + "-" + AggregatorStores.ENGAGEMENT_STORE
                + "-changelog";
        final KeyValueStore<String, byte[]> store = harness.store(AggregatorStores.ENGAGEMENT_STORE);
        store.put(engagement.getProfileId(), topics.profileEngagement().valueSerde().encode(changelog, engagement));
    }

    /** Message-store entries of a profile. */
    List<KeyValue<Windowed<String>, MessageState>> storedMessages(final String profileId) {
        final WindowStore<String, MessageState> store = harness.driver().getWindowStore(AggregatorStores.MESSAGE_STORE);
        try (KeyValueIterator<Windowed<String>, MessageState> entries = AggregatorStores.messagesOf(store, profileId)) {
            final List<KeyValue<Windowed<String>, MessageState>> found = new ArrayList<>();
            entries.forEachRemaining(found::add);
            return found;
        }
    }

    /**
     * Every key any per-profile store of the task holds that names {@code profileId}: the consent,
     * expiry, message, delivery, engagement, last-open and retention stores.
     */
    List<String> keysNaming(final String profileId) {
        final List<String> found = new ArrayList<>();
        for (final String name : List.of(AggregatorStores.CONSENT_STORE, AggregatorStores.EXPIRY_STORE,
                AggregatorStores.ENGAGEMENT_STORE, AggregatorStores.LAST_OPEN_STORE, AggregatorStores.RETENTION_STORE)) {
            final KeyValueStore<String, Object> store = harness.store(name);
            try (KeyValueIterator<String, Object> entries = store.all()) {
                entries.forEachRemaining(entry -> {
                    if (names(entry.key, profileId) || profileId.equals(entry.value)) {
                        found.add(name + ": " + entry.key.replace('\u0000', '|'));
                    }
                });
            }
        }
        for (final String name : List.of(AggregatorStores.MESSAGE_STORE, AggregatorStores.DELIVERY_STORE)) {
            final WindowStore<String, Object> store = harness.driver().getWindowStore(name);
            try (KeyValueIterator<Windowed<String>, Object> entries = store.all()) {
                entries.forEachRemaining(entry -> {
                    if (names(entry.key.key(), profileId)) {
                        found.add(name + ": " + entry.key.key().replace('\u0000', '|'));
                    }
                });
            }
        }
        return found;
    }

    /** Whether a store key is the profile id, or a composite key with the profile id as one of its parts. */
    private static boolean names(final String key, final String profileId) {
        return List.of(key.split("\u0000")).contains(profileId);
    }

    /** The last-open date the task holds for {@code profileId}, or null. */
    Long storedLastOpen(final String profileId) {
        final KeyValueStore<String, Long> store = harness.store(AggregatorStores.LAST_OPEN_STORE);
        return store.get(profileId);
    }

    private <V extends SpecificRecord> byte[] encode(final Topic<V> topic, final V value) {
        return topic.valueSerde().encode(topic.name(), value);
    }

    @Override
    public void close() {
        harness.close();
    }
}
