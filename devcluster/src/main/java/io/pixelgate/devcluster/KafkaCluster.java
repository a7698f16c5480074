package io.pixelgate.devcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A KRaft cluster of several nodes on this machine, each its own child JVM ({@link BrokerMain}) with
 * its own data directory {@code node-<id>} and log {@code node-<id>.log}, so that one can be killed
 * with SIGKILL and started again on the same ports and data, as a machine failure would. Every node
 * is broker and controller (a majority of them keeps the quorum); internal topics are replicated as
 * {@link KraftNode} says (3 replicas, 2 in sync from three nodes on). The data and the cluster id
 * (file {@code cluster.id}) are kept, so a second start with the same directory has the same topics.
 */
public final class KafkaCluster implements LocalKafka {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaCluster.class);
    private static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx384m", "-XX:+ExitOnOutOfMemoryError");
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<Integer, BrokerProcess> nodes;
    private final String bootstrapServers;

    private KafkaCluster(final Map<Integer, BrokerProcess> nodes) {
        this.nodes = Map.copyOf(nodes);
        this.bootstrapServers = nodes.values().stream().sorted((a, b) -> Integer.compare(a.node.nodeId(), b.node.nodeId()))
                .map(p -> "localhost:" + p.node.brokerPort()).collect(Collectors.joining(","));
    }

    /**
     * Starts {@code brokers} nodes (ids 1 to {@code brokers}) and waits until every one has
     * registered. Node 1 listens on {@code firstPort} (0: a free one), the others on free ports.
     */
    public static KafkaCluster start(final int brokers, final int firstPort, final Path dataDir, final Duration timeout) {
        if (brokers < 2) {
            throw new IllegalArgumentException("a cluster of child processes has at least 2 brokers, got " + brokers
                    + " (one broker runs in this JVM: EmbeddedKafka)");
        }
        final String clusterId = clusterId(dataDir);
        final Map<Integer, Integer> voters = new HashMap<>();
        final Map<Integer, Integer> brokerPorts = new HashMap<>();
        for (int id = 1; id <= brokers; id++) {
            brokerPorts.put(id, id == 1 && firstPort != 0 ? firstPort : EmbeddedKafka.freePort());
            voters.put(id, EmbeddedKafka.freePort());
        }
        final Map<Integer, BrokerProcess> nodes = new HashMap<>();
        for (int id = 1; id <= brokers; id++) {
            final KraftNode node = new KraftNode(id, brokerPorts.get(id), voters.get(id), voters,
                    dataDir.resolve("node-" + id));
            nodes.put(id, new BrokerProcess(node, clusterId, dataDir));
        }
        final KafkaCluster cluster = new KafkaCluster(nodes);
        final long begin = System.nanoTime();
        try {
            nodes.values().forEach(BrokerProcess::launch);
            cluster.awaitRegistered(Set.copyOf(nodes.keySet()), timeout);
        } catch (final RuntimeException e) {
            cluster.close();
            throw e;
        }
        LOG.info("Kafka cluster of {} brokers up at {} in {} ms (data in {})", brokers, cluster.bootstrapServers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin), dataDir);
        return cluster;
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public int brokers() {
        return nodes.size();
    }

    /** The node ids, 1 to {@link #brokers()}. */
    public Set<Integer> nodeIds() {
        return nodes.keySet();
    }

    /** Kills node {@code id} with SIGKILL, as a power cut would, and waits until its process is gone. */
    public void kill(final int id) {
        node(id).kill();
    }

    /** Starts node {@code id} again, on its ports and data, and waits until it has registered. */
    public void restart(final int id, final Duration timeout) {
        node(id).launch();
        awaitRegistered(Set.of(id), timeout);
    }

    public boolean isAlive(final int id) {
        return node(id).alive();
    }

    /** The child process of node {@code id} (its pid, for tools that signal it). */
    public long pid(final int id) {
        return node(id).pid();
    }

    public Path logFile(final int id) {
        return node(id).logFile;
    }

    /**
     * Waits until every partition of every topic has all its replicas in sync again (after a node
     * came back, it catches up from the others), and returns how long that took.
     */
    public Duration awaitInSync(final Duration timeout) {
        final long begin = System.nanoTime();
        try (Admin admin = admin()) {
            final long deadline = begin + timeout.toNanos();
            List<String> lagging = underReplicated(admin);
            while (!lagging.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("partitions still under-replicated after " + timeout + ": " + lagging);
                }
                sleep(POLL);
                lagging = underReplicated(admin);
            }
        }
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    /** Stops every node with SIGTERM (a clean shutdown), SIGKILL for one that does not stop in time. */
    @Override
    public void close() {
        nodes.values().forEach(BrokerProcess::terminate);
        nodes.values().forEach(BrokerProcess::awaitStopped);
        LOG.info("Kafka cluster at {} stopped", bootstrapServers);
    }

    private BrokerProcess node(final int id) {
        final BrokerProcess node = nodes.get(id);
        if (node == null) {
            throw new IllegalArgumentException("no node " + id + " in this cluster; its nodes are " + nodes.keySet());
        }
        return node;
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
    }

    private void awaitRegistered(final Set<Integer> ids, final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                for (final int id : ids) {
                    node(id).requireAlive();
                }
                if (registered(admin).containsAll(ids)) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka nodes " + ids + " did not register within " + timeout
                            + " (logs: " + ids.stream().map(id -> node(id).logFile.toString()).toList() + ")");
                }
                sleep(POLL);
            }
        }
    }

    private static Set<Integer> registered(final Admin admin) {
        try {
            final Collection<Node> live = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
            return live.stream().map(Node::id).collect(Collectors.toSet());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        } catch (final ExecutionException | TimeoutException notYet) {
            return Set.of();
        }
    }

    private static List<String> underReplicated(final Admin admin) {
        try {
            final Set<String> names = admin.listTopics().names().get(5, TimeUnit.SECONDS);
            final Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
            final List<String> lagging = new ArrayList<>();
            topics.values().forEach(topic -> {
                for (final TopicPartitionInfo partition : topic.partitions()) {
                    if (partition.isr().size() < partition.replicas().size()) {
                        lagging.add(topic.name() + "-" + partition.partition());
                    }
                }
            });
            return lagging;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topics", e);
        } catch (final ExecutionException | TimeoutException e) {
            return List.of("(cannot describe topics yet: " + e.getMessage() + ")");
        }
    }

    private static String clusterId(final Path dataDir) {
        final Path file = dataDir.resolve("cluster.id");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(dataDir);
            final String id = Uuid.randomUuid().toString();
            Files.writeString(file, id + "\n");
            return id;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    private static void sleep(final Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** One node's child process; launched again on the same configuration after a kill. */
    private static final class BrokerProcess {

        private final KraftNode node;
        private final String clusterId;
        private final Path propertiesFile;
        private final Path logFile;
        /** The current process; replaced by each launch. */
        private volatile Process process;

        BrokerProcess(final KraftNode node, final String clusterId, final Path dataDir) {
            this.node = node;
            this.clusterId = clusterId;
            this.propertiesFile = dataDir.resolve("node-" + node.nodeId() + ".properties").toAbsolutePath();
            this.logFile = dataDir.resolve("node-" + node.nodeId() + ".log").toAbsolutePath();
        }

        void launch() {
            if (alive()) {
                throw new IllegalStateException("Kafka node " + node.nodeId() + " is already running (pid " + pid() + ")");
            }
            try {
                Files.createDirectories(propertiesFile.getParent());
                try (Writer out = Files.newBufferedWriter(propertiesFile)) {
                    node.properties().store(out, "Kafka node " + node.nodeId() + ", written by KafkaCluster");
                }
                final List<String> command = new ArrayList<>(List.of(ChildJvm.javaExecutable()));
                command.addAll(JVM_OPTIONS);
                command.addAll(List.of("-cp", ChildJvm.classPath(), BrokerMain.class.getName(), propertiesFile.toString(),
                        clusterId, Long.toString(ProcessHandle.current().pid())));
                process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot start Kafka node " + node.nodeId() + " (log " + logFile + ")", e);
            }
        }

        boolean alive() {
            final Process current = process;
            return current != null && current.isAlive();
        }

        long pid() {
            return process == null ? -1 : process.pid();
        }

        void requireAlive() {
            if (!alive()) {
                throw new IllegalStateException("Kafka node " + node.nodeId() + " exited"
                        + (process == null ? "" : " with code " + process.exitValue()) + "; see " + logFile);
            }
        }

        void kill() {
            final Process current = process;
            if (current != null) {
                current.destroyForcibly(); // SIGKILL on Linux
                ChildJvm.waitFor(current, STOP_GRACE);
            }
        }

        void terminate() {
            final Process current = process;
            if (current != null && current.isAlive()) {
                current.destroy(); // SIGTERM: the broker's shutdown hook stops it cleanly
            }
        }

        void awaitStopped() {
            final Process current = process;
            if (current != null && !ChildJvm.waitFor(current, STOP_GRACE)) {
                LOG.warn("Kafka node {} did not stop within {} of SIGTERM; killing it", node.nodeId(), STOP_GRACE);
                current.destroyForcibly();
                ChildJvm.waitFor(current, STOP_GRACE);
            }
        }
    }
}
