package io.pixelgate.soak;

import io.pixelgate.aggregator.AggregatorSettings;
import io.pixelgate.devcluster.EmbeddedKafka;
import io.pixelgate.devcluster.KafkaCluster;
import io.pixelgate.devcluster.RegistryProcess;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.TopicProvisioner;
import io.pixelgate.tokens.TokenKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the soak runs on: a 3-broker cluster of child processes, the registry, and each application
 * instance in a child JVM of its own: two of each Streams application and two edges, one more
 * open-aggregator on demand. Topics are created up front with 3 replicas.
 */
final class SoakSystem implements AutoCloseable {

    static final List<String> STREAMS_APPLICATIONS = List.of("consent-events", "send-enricher", "open-aggregator");
    private static final int BROKERS = 3;
    private static final Duration START = Duration.ofMinutes(4);

    private final KafkaCluster kafka;
    private final RegistryProcess registry;
    private final PixelgateRuntime runtime;
    private final Path dataDir;
    private final Map<String, String> shared;
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final List<String> edgeUrls = new ArrayList<>();

    private SoakSystem(final KafkaCluster kafka, final RegistryProcess registry, final PixelgateRuntime runtime,
                       final Path dataDir, final Map<String, String> shared) {
        this.kafka = kafka;
        this.registry = registry;
        this.runtime = runtime;
        this.dataDir = dataDir;
        this.shared = shared;
    }

    static SoakSystem start(final Path dataDir) throws IOException {
        final KafkaCluster kafka = KafkaCluster.start(BROKERS, 0, dataDir.resolve("kafka"), START);
        final RegistryProcess registry;
        try {
            registry = RegistryProcess.start(null, 0, dataDir.resolve("logs"), START);
        } catch (final IOException | RuntimeException e) {
            kafka.close();
            throw e;
        }
        final Map<String, String> shared = new HashMap<>(Map.of(
                CommonSettings.BOOTSTRAP_SERVERS.key(), kafka.bootstrapServers(),
                CommonSettings.SCHEMA_REGISTRY_URL.key(), registry.baseUrl(),
                CommonSettings.TOKEN_KEYS.key(), TokenKeys.generate("soak1").toConfigString(),
                CommonSettings.TOPIC_REPLICATION_FACTOR.key(), Integer.toString(kafka.replicationFactor()),
                // a SIGKILLed member's tasks move after this, not after the 45 s default
                "streams.session.timeout.ms", "10000",
                "streams.heartbeat.interval.ms", "2000",
                // The checks compare every campaign key's counters with the ground truth, small ones included.
                AggregatorSettings.MIN_RECIPIENTS.key(), "0"));
        final PixelgateRuntime runtime = PixelgateRuntime.connect(PixelgateConfig.of(shared));
        TopicProvisioner.ensure(runtime, runtime.topics().all());
        runtime.registerSchemas(runtime.topics().all());
        final SoakSystem system = new SoakSystem(kafka, registry, runtime, dataDir, shared);
        try {
            system.startInstances();
        } catch (final RuntimeException e) {
            system.close();
            throw e;
        }
        return system;
    }

    private void startInstances() {
        final int edge1 = EmbeddedKafka.freePort();
        final int edge2 = EmbeddedKafka.freePort();
        edgeUrls.add("http://localhost:" + edge1);
        edgeUrls.add("http://localhost:" + edge2);
        for (final String app : STREAMS_APPLICATIONS) {
            add(app, 1, Map.of());
            add(app, 2, Map.of());
        }
        add("edge", 1, Map.of("edge.port", Integer.toString(edge1)));
        add("edge", 2, Map.of("edge.port", Integer.toString(edge2)));
        instances.values().forEach(Instance::start);
        awaitReady(List.copyOf(instances.values()));
    }

    /** Creates instance {@code <application>-<number>} (not started). */
    Instance add(final String application, final int number, final Map<String, String> own) {
        final String name = application + "-" + number;
        final Map<String, String> settings = new HashMap<>(shared);
        settings.put(CommonSettings.STATE_DIR.key(), dataDir.resolve("state").resolve(name).toString());
        // every URL a send carries points at the first edge; the traffic spreads over both, as a load balancer would
        settings.put("edge.public.url", edgeUrls.get(0));
        settings.putAll(own);
        final Instance instance = new Instance(name, application, settings, EmbeddedKafka.freePort(),
                dataDir.resolve("logs"));
        instances.put(name, instance);
        return instance;
    }

    void remove(final Instance instance) {
        instances.remove(instance.name());
    }

    /** Waits until every one of {@code which} is ready, in parallel. */
    static void awaitReady(final List<Instance> which) {
        CompletableFuture.allOf(which.stream()
                .map(instance -> CompletableFuture.runAsync(() -> instance.awaitReady(START)))
                .toArray(CompletableFuture[]::new)).join();
    }

    Instance instance(final String name) {
        return instances.get(name);
    }

    List<Instance> instances() {
        return List.copyOf(instances.values());
    }

    /** Every instance ever created, running or not, for the log scan. */
    List<Path> logFiles() {
        return List.of(dataDir.resolve("logs"));
    }

    KafkaCluster kafka() {
        return kafka;
    }

    PixelgateRuntime runtime() {
        return runtime;
    }

    List<String> edgeUrls() {
        return List.copyOf(edgeUrls);
    }

    @Override
    public void close() {
        final List<Instance> running = new ArrayList<>(instances.values());
        CompletableFuture.allOf(running.stream().map(i -> CompletableFuture.runAsync(i::stop))
                .toArray(CompletableFuture[]::new)).join();
        registry.close();
        kafka.close();
    }
}
