package io.pixelgate.system;

import io.pixelgate.platform.ops.OpsSettings;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The ports and settings of a whole system on this machine ({@code dev} and {@code demo}). */
public final class LocalSystemOptions {

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka port (default ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--brokers", defaultValue = "1", paramLabel = "N",
            description = {"Kafka brokers (default ${DEFAULT-VALUE}: one in this JVM). From 2 on, each is a child "
                    + "process with its data in <data-dir>/kafka-cluster, the first on --kafka-port, and topics are "
                    + "replicated (3 replicas, 2 in sync, from 3 brokers on)."})
    int brokers;

    @Option(names = "--registry-port", defaultValue = "8081",
            description = "Schema registry port (default ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--edge-port", defaultValue = "8080",
            description = "Edge HTTP port, 0 for any free one (default ${DEFAULT-VALUE}).")
    int edgePort;

    @Option(names = "--ops-port", description = "Operations endpoint port (/health/live, /health/ready, /metrics), "
            + "0 for any free one (default: setting ops.port, 9464 unless set).")
    Integer opsPort;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "Any setting, e.g. -s topic.partitions=6.")
    Map<String, String> settings = new HashMap<>();

    public int kafkaPort() {
        return kafkaPort;
    }

    public int brokers() {
        return brokers;
    }

    public int registryPort() {
        return registryPort;
    }

    public int edgePort() {
        return edgePort;
    }

    /** The -s settings, with the operations port unless one of them sets it. */
    public Map<String, String> settings() {
        final Map<String, String> all = new HashMap<>();
        if (opsPort != null) {
            all.put(OpsSettings.PORT.key(), Integer.toString(opsPort));
        }
        all.putAll(settings);
        return all;
    }
}
