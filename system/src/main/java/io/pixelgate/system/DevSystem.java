package io.pixelgate.system;

import io.pixelgate.devcluster.EmbeddedKafka;
import io.pixelgate.edge.EdgeSettings;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole system on this machine, as {@code dev} and {@code demo} run it: the {@link DevCluster}
 * (broker, registry, topics, token key) and every application on the class path, started in order.
 * Closing stops the applications, the last started first, then the cluster.
 */
public final class DevSystem implements AutoCloseable {

    private final DevCluster cluster;
    private final Applications apps;
    private final PixelgateRuntime runtime;

    private DevSystem(final DevCluster cluster, final Applications apps, final PixelgateRuntime runtime) {
        this.cluster = cluster;
        this.apps = apps;
        this.runtime = runtime;
    }

    /**
     * Starts the cluster ({@code brokers} brokers), then every application. The edge listens on
     * {@code edgePort} and writes its URLs with {@code http://localhost:<edgePort>}; {@code settings}
     * win over both. Port 0 becomes a free port chosen here, because the port goes into every URL of
     * the tracked sends.
     */
    public static DevSystem start(final Path dataDir, final int kafkaPort, final int brokers, final int registryPort,
                           final int edgePort, final Map<String, String> settings, final Duration timeout) {
        final int port = edgePort == 0 ? EmbeddedKafka.freePort() : edgePort;
        final DevCluster cluster = DevCluster.start(dataDir.toAbsolutePath(), kafkaPort, brokers, registryPort,
                timeout);
        final Map<String, String> overrides = new HashMap<>(Map.of(
                EdgeSettings.PORT.key(), Integer.toString(port),
                CommonSettings.EDGE_PUBLIC_URL.key(), "http://localhost:" + port));
        overrides.putAll(settings);
        try {
            final PixelgateRuntime runtime = cluster.runtime(cluster.config(overrides));
            return new DevSystem(cluster, Applications.start(Applications.available(), runtime, timeout), runtime);
        } catch (final RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** {@code READY kafka=<bootstrap> registry=<Confluent-API base URL> edge=<base URL> ops=<base URL>} (SPEC.md section 4). */
    public String readyLine() {
        return ("READY kafka=" + cluster.bootstrapServers() + " registry=" + cluster.registryUrl() + " "
                + apps.endpoints()).trim();
    }

    /** The configuration, registry and topics every application runs with. */
    public PixelgateRuntime runtime() {
        return runtime;
    }

    @Override
    public void close() {
        try {
            apps.close();
        } finally {
            cluster.close();
        }
    }
}
