package io.pixelgate.testkit;

import io.pixelgate.devcluster.EmbeddedKafka;
import io.pixelgate.devcluster.RegistryProcess;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.TopicProvisioner;
import io.pixelgate.platform.ops.OpsSettings;
import io.pixelgate.schemas.Topic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * One real Kafka cluster and one real schema registry for every test class of a test JVM. Kafka is
 * a Testcontainers container where a Docker engine answers, else the embedded KRaft broker; the
 * registry is the Apicurio build of the {@code registry} module, run as a child process. Each test
 * takes its own topic prefix from {@link #newRuntime}, so tests never see each other's records.
 */
public final class TestCluster {

    private static final Logger LOG = LoggerFactory.getLogger(TestCluster.class);
    private static final String KAFKA_IMAGE = "apache/kafka:4.1.0";

    private final String bootstrapServers;
    private final String registryUrl;
    private final Path workDir;

    private TestCluster(final String bootstrapServers, final String registryUrl, final Path workDir) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.workDir = workDir;
    }

    /** The cluster shared by this JVM, started on first use and stopped when the JVM exits. */
    public static TestCluster shared() {
        return Holder.INSTANCE;
    }

    /**
     * A cluster that runs elsewhere (a deployment under test), reached at {@code bootstrapServers}
     * and {@code registryUrl}; nothing is started or stopped.
     */
    public static TestCluster existing(final String bootstrapServers, final String registryUrl) {
        return new TestCluster(bootstrapServers, registryUrl, temporaryDirectory());
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String registryUrl() {
        return registryUrl;
    }

    /** A fresh directory under this cluster's work directory (state stores, data files). */
    public Path newDirectory(final String name) {
        try {
            return Files.createDirectories(workDir.resolve(name + "-" + UUID.randomUUID()));
        } catch (final IOException e) {
            throw new IllegalStateException("cannot create a directory under " + workDir, e);
        }
    }

    /**
     * A runtime whose topics carry a prefix of their own, with every topic created and every value
     * schema registered, as an application's start would do.
     */
    public PixelgateRuntime newRuntime(final Map<String, String> overrides) {
        final Map<String, String> settings = new HashMap<>();
        settings.put(CommonSettings.BOOTSTRAP_SERVERS.key(), bootstrapServers);
        settings.put(CommonSettings.SCHEMA_REGISTRY_URL.key(), registryUrl);
        settings.put(CommonSettings.TOPIC_PREFIX.key(), "t" + UUID.randomUUID().toString().substring(0, 8) + ".");
        settings.put(CommonSettings.STATE_DIR.key(), newDirectory("state").toString());
        settings.put(CommonSettings.TOPIC_PARTITIONS.key(), "2");
        settings.put("streams.commit.interval.ms", "100");
        // any free port: test JVMs of several checkouts run side by side
        settings.put(OpsSettings.PORT.key(), "0");
        settings.putAll(overrides);
        final PixelgateRuntime runtime = PixelgateRuntime.connect(PixelgateConfig.of(settings));
        TopicProvisioner.ensure(runtime, runtime.topics().all());
        runtime.registerSchemas(runtime.topics().all());
        return runtime;
    }

    /** Test-side clients for this cluster (Avro values are framed by each topic's own serde). */
    public TestClients clients() {
        return new TestClients(bootstrapServers);
    }

    /** Shorthand: a consumer-side view of {@code topic}. */
    public <V extends org.apache.avro.specific.SpecificRecord> TopicReader<V> reader(final Topic<V> topic) {
        return new TopicReader<>(bootstrapServers, topic);
    }

    private static TestCluster start() {
        final Path workDir = temporaryDirectory();
        final String bootstrap = startKafka(workDir);
        final RegistryProcess registry;
        try {
            registry = RegistryProcess.start(null, 0, workDir);
        } catch (final IOException e) {
            throw new IllegalStateException("cannot start the schema registry: " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(registry::close, "test-registry-stop"));
        LOG.info("test cluster: kafka {} registry {}", bootstrap, registry.baseUrl());
        return new TestCluster(bootstrap, registry.baseUrl(), workDir);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("pixelgate-test-");
        } catch (final IOException e) {
            throw new IllegalStateException("cannot create a temporary directory", e);
        }
    }

    private static String startKafka(final Path workDir) {
        if (dockerAvailable()) {
            final KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-kafka-stop"));
            return container.getBootstrapServers();
        }
        LOG.info("no Docker engine answers: tests use the embedded KRaft broker");
        final EmbeddedKafka kafka = EmbeddedKafka.start(0, workDir.resolve("kafka"), Duration.ofSeconds(60));
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "test-kafka-stop"));
        return kafka.bootstrapServers();
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (final RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Lazy, thread-safe start on first use (the holder idiom). */
    private static final class Holder {
        private static final TestCluster INSTANCE = start();
    }
}
