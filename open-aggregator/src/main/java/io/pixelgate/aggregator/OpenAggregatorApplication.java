package io.pixelgate.aggregator;

import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.Setting;
import io.pixelgate.platform.TopicProvisioner;
import io.pixelgate.platform.app.StreamsApplication;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/** The open-aggregator application: hits, tracked sends and consent state in; engagement, campaign stats, last-open and purge-log out. */
public final class OpenAggregatorApplication extends StreamsApplication<AggregatorSettings> {

    public static final String APPLICATION_ID = "pixelgate-open-aggregator";

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

    @Override
    public String name() {
        return "open-aggregator";
    }

    @Override
    public String description() {
        return "hits, tracked sends and consent state in; engagement, campaign stats, last-open and purge-log out";
    }

    @Override
    public int startOrder() {
        return 30;
    }

    @Override
    public List<Setting<?>> settings() {
        return AggregatorSettings.SETTINGS;
    }

    @Override
    public String applicationId() {
        return APPLICATION_ID;
    }

    @Override
    public Map<String, Object> streamsDefaults() {
        return STREAMS_DEFAULTS;
    }

    @Override
    public List<Topic<?>> reads(final Topics topics) {
        return List.of(topics.openHits(), topics.clickHits(), topics.trackedSends(), topics.consentState(),
                topics.deliveries());
    }

    @Override
    public List<Topic<?>> writes(final Topics topics) {
        return List.of(topics.profileEngagement(), topics.campaignStats(), topics.lastOpen(), topics.purgeLog(),
                topics.rejected());
    }

    @Override
    public AggregatorSettings readSettings(final PixelgateConfig config) {
        return AggregatorSettings.from(config);
    }

    /** Deliveries reach the profile-keyed task through a repartition that must match the hit topics. */
    @Override
    protected AggregatorSettings prepare(final PixelgateRuntime runtime, final AggregatorSettings settings) {
        final Topics topics = runtime.topics();
        return requireCoPartitioned(runtime, List.of(topics.openHits(), topics.clickHits(), topics.consentState()))
                .map(settings::withProfilePartitions).orElse(settings);
    }

    @Override
    public Topology topology(final PixelgateRuntime runtime, final AggregatorSettings settings) {
        return AggregatorTopology.build(runtime.topics(), settings, hitMeter(runtime));
    }

    /** {@code pixelgate_hits_total{application,kind,class}}. */
    private HitMeter hitMeter(final PixelgateRuntime runtime) {
        return (kind, hitClass) -> runtime.meters().counter(name(), "pixelgate.hits", "Hits counted, by kind and class",
                "kind", kind.name(), "class", hitClass).increment();
    }

    /**
     * The consent check and the purge assume that a profile's hits and its consent state land in the
     * same partition number; Streams does not check this for a processor's own stores, so check here.
     * Topics that do not exist yet are left to Streams, which waits for them.
     *
     * @return their partition count, empty when none exists yet
     */
    private static Optional<Integer> requireCoPartitioned(final PixelgateRuntime runtime,
                                                          final List<Topic<?>> profileKeyed) {
        final List<String> names = profileKeyed.stream().map(Topic::name).toList();
        final Map<String, Integer> partitions = TopicProvisioner.partitionCounts(runtime, profileKeyed);
        if (partitions.values().stream().distinct().count() > 1) {
            throw new IllegalStateException("open-aggregator needs " + names + " to have the same number of "
                    + "partitions (personal hits and consent state are joined by profile id in one task), found "
                    + partitions + "; recreate or expand them to one count");
        }
        return partitions.values().stream().findFirst();
    }
}
