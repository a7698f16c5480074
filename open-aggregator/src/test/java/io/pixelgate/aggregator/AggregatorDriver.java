package io.pixelgate.aggregator;

import static io.pixelgate.testkit.DriverTopics.output;
import static io.pixelgate.testkit.DriverTopics.rawInput;
import io.pixelgate.aggregator.count.MessageState;
import io.pixelgate.events.CampaignStats;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.Hit;
import io.pixelgate.events.HitKind;
import io.pixelgate.events.LastOpen;
import io.pixelgate.events.ProfileEngagement;
import io.pixelgate.events.PurgeRecord;
import io.pixelgate.events.RejectedRecord;
import io.pixelgate.events.TrackedSend;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.StreamsApp;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.Topics;
import io.pixelgate.schemas.registry.InMemorySchemaRegistry;
import io.pixelgate.tokens.Claims;
import io.pixelgate.tokens.TokenCodec;
import io.pixelgate.tokens.TokenKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The aggregator topology in a TopologyTestDriver, fed as the edge, the send-enricher and
 * consent-events would feed it, with its outputs and stores at hand.
 */
final class AggregatorDriver implements AutoCloseable {

    private final TokenCodec codec;
    private final Topics topics;
    private final TopologyTestDriver driver;
    private final Duration campaignFlush;
    private final TestInputTopic<String, byte[]> openHits;
    private final TestInputTopic<String, byte[]> clickHits;
    private final TestInputTopic<String, byte[]> consentState;
    private final TestInputTopic<String, byte[]> trackedSends;
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
        final PixelgateRuntime runtime = PixelgateRuntime.with(PixelgateConfig.of(settings), new InMemorySchemaRegistry());
        this.codec = new TokenCodec(keys);
        this.topics = runtime.topics();
        final AggregatorSettings aggregator = AggregatorSettings.from(runtime.config());
        this.campaignFlush = aggregator.campaignFlush();
        this.driver = new TopologyTestDriver(
                AggregatorTopology.build(topics, aggregator),
                StreamsApp.streamsConfig(runtime, OpenAggregatorApplication.APPLICATION_ID), wallClock);
        this.openHits = rawInput(driver, topics.openHits());
        this.clickHits = rawInput(driver, topics.clickHits());
        this.consentState = rawInput(driver, topics.consentState());
        this.trackedSends = rawInput(driver, topics.trackedSends());
        this.engagement = output(driver, topics.profileEngagement());
        this.campaignStats = output(driver, topics.campaignStats());
        this.lastOpen = output(driver, topics.lastOpen());
        this.purgeLog = output(driver, topics.purgeLog());
        this.rejected = output(driver, topics.rejected());
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

    void send(final TrackedSend send) {
        trackedSends.pipeInput(send.getMessageId(), encode(topics.trackedSends(), send), send.getDecidedAt());
    }

    void advanceWallClock(final Duration by) {
        driver.advanceWallClockTime(by);
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
        driver.advanceWallClockTime(campaignFlush);
    }

    private KeyValueStore<String, ValueAndTimestamp<CampaignStats>> campaignStore() {
        return driver.getTimestampedKeyValueStore(AggregatorStores.CAMPAIGN_STORE);
    }

    ProfileEngagement storedEngagement(final String profileId) {
        final KeyValueStore<String, ProfileEngagement> store =
                driver.getKeyValueStore(AggregatorStores.ENGAGEMENT_STORE);
        return store.get(profileId);
    }

    /** Message-store entries of a profile. */
    List<KeyValue<Windowed<String>, MessageState>> storedMessages(final String profileId) {
        final WindowStore<String, MessageState> store = driver.getWindowStore(AggregatorStores.MESSAGE_STORE);
        try (KeyValueIterator<Windowed<String>, MessageState> entries =
                     store.fetch(profileId + '\u0000', profileId + '\u0001', 0L, Long.MAX_VALUE)) {
            final List<KeyValue<Windowed<String>, MessageState>> found = new ArrayList<>();
            entries.forEachRemaining(found::add);
            return found;
        }
    }

    private <V extends SpecificRecord> byte[] encode(final Topic<V> topic, final V value) {
        return topic.valueSerde().encode(topic.name(), value);
    }

    @Override
    public void close() {
        driver.close();
    }
}
