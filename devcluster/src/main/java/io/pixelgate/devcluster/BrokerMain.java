package io.pixelgate.devcluster;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * The entry point of one broker child process of a {@link KafkaCluster}:
 * {@code BrokerMain <broker.properties> <cluster id> <parent pid>}. Formats the log directory on the
 * first start, runs the broker until SIGTERM (a clean shutdown) or SIGKILL (none), and stops by itself
 * when the parent process is gone, so that a killed {@code pixelgate dev} or test JVM leaves no broker
 * behind.
 */
public final class BrokerMain {

    private static final long PARENT_CHECK_SECONDS = 1;

    private BrokerMain() {
    }

    public static void main(final String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: BrokerMain <broker.properties> <cluster id> <parent pid>");
            System.exit(2);
        }
        final Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(args[0]))) {
            props.load(reader);
        }
        format(props, args[1]);
        final KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
        }, "broker-shutdown"));
        exitWithParent(Long.parseLong(args[2]));
        server.startup();
        server.awaitShutdown();
    }

    private static void format(final Properties props, final String clusterId) {
        final int nodeId = Integer.parseInt(props.getProperty("node.id"));
        final Path logDir = Path.of(props.getProperty("log.dirs"));
        KraftNode.formatOnce(nodeId, logDir, clusterId);
    }

    private static void exitWithParent(final long parentPid) {
        final Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        final ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "parent-watch");
            thread.setDaemon(true);
            return thread;
        });
        watch.scheduleWithFixedDelay(() -> {
            if (parent.map(handle -> !handle.isAlive()).orElse(true)) {
                System.err.println("parent process " + parentPid + " is gone; stopping");
                System.exit(0);
            }
        }, PARENT_CHECK_SECONDS, PARENT_CHECK_SECONDS, TimeUnit.SECONDS);
    }
}
