package io.pixelgate.system;

import io.pixelgate.devcluster.EmbeddedKafka;
import io.pixelgate.devcluster.KafkaCluster;
import io.pixelgate.devcluster.LocalKafka;
import io.pixelgate.devcluster.RegistryProcess;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.TopicProvisioner;
import io.pixelgate.tokens.TokenKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code dev}, {@code demo} and {@code bench} run on, with no outside service: a real
 * KRaft broker in this JVM (or a cluster of several in child processes, whose topics are then
 * replicated), the Apicurio registry as a child process, the topics, and a token key
 * generated once and kept in the data directory so that links in emails sent before a restart
 * still work after it.
 */
public final class DevCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DevCluster.class);
    private static final String TOKEN_KEYS_FILE = "token.keys";

    private final LocalKafka kafka;
    private final RegistryProcess registry;
    private final Path dataDir;
    private final String tokenKeys;

    private DevCluster(final LocalKafka kafka, final RegistryProcess registry, final Path dataDir,
                       final String tokenKeys) {
        this.kafka = kafka;
        this.registry = registry;
        this.dataDir = dataDir;
        this.tokenKeys = tokenKeys;
    }

    /** One broker in this JVM when {@code brokers} is 1, else that many child processes (data in {@code kafka-cluster}). */
    public static DevCluster start(final Path dataDir, final int kafkaPort, final int brokers, final int registryPort,
                            final Duration timeout) {
        if (brokers < 1) {
            throw new IllegalArgumentException("--brokers must be at least 1, got " + brokers);
        }
        final String keys = tokenKeys(dataDir);
        final LocalKafka kafka = brokers == 1 ? EmbeddedKafka.start(kafkaPort, dataDir.resolve("kafka"), timeout)
                : KafkaCluster.start(brokers, kafkaPort, dataDir.resolve("kafka-cluster"), timeout);
        try {
            final RegistryProcess registry = RegistryProcess.start(null, registryPort, dataDir, timeout,
                    dataDir.resolve("registry"));
            return new DevCluster(kafka, registry, dataDir, keys);
        } catch (final IOException | RuntimeException e) {
            kafka.close();
            throw new IllegalStateException("the schema registry did not start on port " + registryPort + ": "
                    + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String registryUrl() {
        return registry.baseUrl();
    }

    /** Pixelgate settings pointing at this cluster; {@code overrides} win. */
    public PixelgateConfig config(final Map<String, String> overrides) {
        final Map<String, String> settings = new HashMap<>();
        settings.put(CommonSettings.BOOTSTRAP_SERVERS.key(), bootstrapServers());
        settings.put(CommonSettings.SCHEMA_REGISTRY_URL.key(), registryUrl());
        settings.put(CommonSettings.STATE_DIR.key(), dataDir.resolve("state").toString());
        settings.put(CommonSettings.TOKEN_KEYS.key(), tokenKeys);
        settings.put(CommonSettings.TOPIC_REPLICATION_FACTOR.key(), Integer.toString(kafka.replicationFactor()));
        settings.putAll(overrides);
        return PixelgateConfig.of(settings);
    }

    /** A runtime on this cluster with every topic created and every schema registered. */
    public PixelgateRuntime runtime(final PixelgateConfig config) {
        final PixelgateRuntime runtime = PixelgateRuntime.connect(config);
        TopicProvisioner.ensure(runtime, runtime.topics().all());
        runtime.registerSchemas(runtime.topics().all());
        return runtime;
    }

    @Override
    public void close() {
        registry.close();
        kafka.close();
    }

    /** The dev token key ring: read from the data directory, or generated and written there once. */
    private static String tokenKeys(final Path dataDir) {
        final Path file = dataDir.resolve(TOKEN_KEYS_FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(dataDir);
            final String generated = TokenKeys.generate("dev1").toConfigString();
            Files.writeString(file, generated + "\n", StandardCharsets.UTF_8);
            restrictToOwner(file);
            LOG.info("generated a token key in {} (keep it: links already sent need it)", file);
            return generated;
        } catch (final IOException e) {
            throw new IllegalStateException("cannot read or write the token key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void restrictToOwner(final Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (final IOException | UnsupportedOperationException e) {
            LOG.warn("could not restrict permissions of {}: {}", file, e.getMessage());
        }
    }
}
