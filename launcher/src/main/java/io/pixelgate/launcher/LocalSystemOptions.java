package io.pixelgate.launcher;

import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The ports and settings of a whole system on this machine ({@code dev} and {@code demo}). */
final class LocalSystemOptions {

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka port (default ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--registry-port", defaultValue = "8081",
            description = "Schema registry port (default ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--edge-port", defaultValue = "8080",
            description = "Edge HTTP port, 0 for any free one (default ${DEFAULT-VALUE}).")
    int edgePort;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "Any setting, e.g. -s topic.partitions=6.")
    Map<String, String> settings = new HashMap<>();
}
