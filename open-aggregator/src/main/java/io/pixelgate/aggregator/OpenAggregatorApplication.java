package io.pixelgate.aggregator;

import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.Setting;
import io.pixelgate.platform.StreamsApp;
import io.pixelgate.platform.app.PixelgateApplication;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;

/** The open-aggregator application: registers its schemas and runs {@link AggregatorTopology}. */
public final class OpenAggregatorApplication implements PixelgateApplication {

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
    public Running start(final PixelgateRuntime runtime, final Duration timeout) {
        final Topics topics = runtime.topics();
        runtime.registerSchemas(List.of(topics.openHits(), topics.clickHits(), topics.trackedSends(),
                topics.consentState(), topics.profileEngagement(), topics.campaignStats(), topics.lastOpen(),
                topics.purgeLog(), topics.rejected(), topics.deliveries()));
        final AggregatorSettings configured = AggregatorSettings.from(runtime.config());
        // Deliveries reach the profile-keyed task through a repartition that must match the hit topics.
        final AggregatorSettings settings = requireCoPartitioned(runtime,
                List.of(topics.openHits(), topics.clickHits(), topics.consentState()))
                .map(configured::withProfilePartitions).orElse(configured);
        final StreamsApp app = StreamsApp.start(name(),
                AggregatorTopology.build(topics, settings, hitMeter(runtime)),
                StreamsApp.streamsConfig(runtime, AggregatorTopology.APPLICATION_ID,
                        AggregatorTopology.STREAMS_DEFAULTS), timeout);
        return app;
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
        final Map<String, Integer> partitions;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                CommonSettings.BOOTSTRAP_SERVERS.from(runtime.config())))) {
            final Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            final List<String> present = names.stream().filter(existing::contains).toList();
            partitions = admin.describeTopics(present).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                    .collect(Collectors.toMap(TopicDescription::name, d -> d.partitions().size()));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + names, e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe " + names + " (check bootstrap.servers): " + e, e);
        }
        if (partitions.values().stream().distinct().count() > 1) {
            throw new IllegalStateException("open-aggregator needs " + names + " to have the same number of "
                    + "partitions (personal hits and consent state are joined by profile id in one task), found "
                    + partitions + "; recreate or expand them to one count");
        }
        return partitions.values().stream().findFirst();
    }
}
