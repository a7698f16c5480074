package io.pixelgate.devcluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in this JVM: KRaft, combined broker and controller, started with
 * {@link KafkaRaftServer} after formatting its log directory ({@link KraftNode}). Formatting is
 * skipped when the directory already holds a cluster, so a dev run's topics survive a restart.
 * Internal topics are sized for one node so that exactly-once works.
 */
public final class EmbeddedKafka implements LocalKafka {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int NODE_ID = 1;
    private static final int FREE_PORT_ATTEMPTS = 100;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafka(final KafkaRaftServer server, final String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts a broker listening on {@code localhost:port} (0 picks a free port) with its data in
     * {@code logDir}, and waits until it answers.
     */
    public static EmbeddedKafka start(final int port, final Path logDir, final Duration timeout) {
        final int brokerPort = port == 0 ? freePort() : port;
        final int controllerPort = freePort();
        final long started = System.nanoTime();
        final KraftNode node = new KraftNode(NODE_ID, brokerPort, controllerPort, Map.of(NODE_ID, controllerPort), logDir);
        KraftNode.formatOnce(NODE_ID, logDir, Uuid.randomUuid().toString());
        final KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(node.properties(), false), Time.SYSTEM);
        try {
            server.startup();
        } catch (final RuntimeException e) {
            throw new IllegalStateException("Kafka broker could not start on localhost:" + brokerPort
                    + " (is the port in use? data in " + logDir + "): " + e.getMessage(), e);
        }
        final EmbeddedKafka kafka = new EmbeddedKafka(server, "localhost:" + brokerPort);
        kafka.awaitReady(timeout);
        LOG.info("Kafka broker up at {} in {} ms (data in {})", kafka.bootstrapServers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), logDir);
        return kafka;
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public int brokers() {
        return 1;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Kafka broker at {} stopped", bootstrapServers);
    }

    private void awaitReady(final Duration timeout) {
        final Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final Exception e) {
            close();
            throw new IllegalStateException("Kafka broker at " + bootstrapServers + " did not answer within "
                    + timeout + ": " + e.getMessage(), e);
        }
    }

    /**
     * A port free at the time of asking and never handed out before by this JVM. The operating
     * system may give the same free port to two askings in a row (it did: a CI run's cluster had
     * two brokers on one port, and neither registered), so ports already handed out are skipped.
     */
    public static int freePort() {
        synchronized (HANDED_OUT) {
            for (int attempt = 0; attempt < FREE_PORT_ATTEMPTS; attempt++) {
                final int port = anyFreePort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            }
        }
        throw new IllegalStateException("cannot find a local port not handed out before in "
                + FREE_PORT_ATTEMPTS + " attempts");
    }

    private static int anyFreePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new IllegalStateException("cannot find a free local port: " + e.getMessage(), e);
        }
    }
}
