package io.pixelgate.edge.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the edge can reach Kafka, checked in the background every {@link #INTERVAL} so that
 * {@code GET /health} answers at once from the last check and never waits on Kafka itself.
 */
public final class KafkaHealth implements AutoCloseable {

    public static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(KafkaHealth.class);
    private static final int CHECK_TIMEOUT_MS = 2_000;

    private final Admin admin;
    private final ScheduledExecutorService scheduler;
    private volatile boolean reachable;

    private KafkaHealth(final Admin admin) {
        this.admin = admin;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "edge-kafka-health");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Checks once now, then every {@link #INTERVAL}. */
    public static KafkaHealth start(final String bootstrapServers) {
        final KafkaHealth health = new KafkaHealth(Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "pixelgate-edge-health",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, CHECK_TIMEOUT_MS,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, CHECK_TIMEOUT_MS)));
        health.check();
        health.scheduler.scheduleWithFixedDelay(health::check, INTERVAL.toMillis(), INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        return health;
    }

    /** The result of the last check. */
    public boolean reachable() {
        return reachable;
    }

    private void check() {
        boolean now;
        try {
            final Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(CHECK_TIMEOUT_MS))
                    .nodes().get(CHECK_TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS);
            now = !nodes.isEmpty();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (final Exception e) {
            now = false;
        }
        if (now != reachable) {
            if (now) {
                LOG.info("Kafka is reachable");
            } else {
                LOG.warn("Kafka is not reachable; hits are buffered until it is back");
            }
        }
        reachable = now;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
