package io.pixelgate.devcluster;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * The configuration of one KRaft node as Pixelgate runs them on this machine: broker and controller
 * combined, on localhost, in a quorum of static voters, and the formatting of its log directory
 * (production features, latest production metadata version). Internal topics are replicated
 * {@code min(3, nodes)} times with a minimum in-sync count of 2 from three nodes on, so that
 * exactly-once keeps working with one node down ({@link LocalKafka#replicationFactor}).
 *
 * @param nodeId         this node's id, from 1
 * @param brokerPort     its client port
 * @param controllerPort its controller (quorum) port
 * @param voters         every node's id and controller port, this one included
 * @param logDir         its data
 */
record KraftNode(int nodeId, int brokerPort, int controllerPort, Map<Integer, Integer> voters, Path logDir) {

    static final String CONTROLLER_LISTENER = "CONTROLLER";

    KraftNode {
        voters = Map.copyOf(voters);
    }

    /** The broker's properties. */
    Properties properties() {
        final int replicas = LocalKafka.replicationFactor(voters.size());
        final String minInSync = Integer.toString(replicas >= 3 ? 2 : 1);
        final Properties props = new Properties();
        props.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", Integer.toString(nodeId)),
                Map.entry("controller.quorum.voters", voters.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(v -> v.getKey() + "@localhost:" + v.getValue()).collect(Collectors.joining(","))),
                Map.entry("listeners", "PLAINTEXT://localhost:" + brokerPort + "," + CONTROLLER_LISTENER
                        + "://localhost:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort),
                Map.entry("controller.listener.names", CONTROLLER_LISTENER),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT"),
                Map.entry("log.dirs", logDir.toAbsolutePath().toString()),
                // Every internal topic must fit on the nodes there are, or transactions never start.
                Map.entry("offsets.topic.replication.factor", Integer.toString(replicas)),
                Map.entry("offsets.topic.num.partitions", "5"),
                Map.entry("transaction.state.log.replication.factor", Integer.toString(replicas)),
                Map.entry("transaction.state.log.min.isr", minInSync),
                Map.entry("transaction.state.log.num.partitions", "5"),
                Map.entry("share.coordinator.state.topic.replication.factor", Integer.toString(replicas)),
                Map.entry("share.coordinator.state.topic.min.isr", minInSync),
                Map.entry("default.replication.factor", Integer.toString(replicas)),
                Map.entry("min.insync.replicas", minInSync),
                // A node killed with SIGKILL is fenced after this long, and its partitions led elsewhere.
                Map.entry("broker.heartbeat.interval.ms", "500"),
                Map.entry("broker.session.timeout.ms", "4000"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("num.partitions", "1"),
                Map.entry("log.flush.interval.messages", Long.toString(Long.MAX_VALUE))));
        return props;
    }

    /**
     * Formats node {@code nodeId}'s {@code logDir} for cluster {@code clusterId}, unless an earlier
     * run did: its topics are kept.
     */
    static void formatOnce(final int nodeId, final Path logDir, final String clusterId) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setDirectories(List.of(logDir.toAbsolutePath().toString()))
                    .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .run();
        } catch (final Exception e) {
            throw new IllegalStateException("cannot format Kafka log directory " + logDir + ": " + e.getMessage(), e);
        }
    }
}
