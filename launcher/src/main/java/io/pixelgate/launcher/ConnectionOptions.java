package io.pixelgate.launcher;

import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** How an application finds an existing cluster: flags, a properties file, PIXELGATE_* variables. */
final class ConnectionOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (setting bootstrap.servers; default localhost:9092).")
    String bootstrapServers;

    @Option(names = "--schema-registry", paramLabel = "URL",
            description = "Confluent-API schema registry base URL (setting schema.registry.url).")
    String schemaRegistry;

    @Option(names = "--config", paramLabel = "FILE", description = "A properties file of settings.")
    Path configFile;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "Any setting, e.g. -s topic.prefix=acme.")
    Map<String, String> settings = new HashMap<>();

    /** Defaults, then the file, then PIXELGATE_* variables, then these flags. */
    PixelgateConfig load() {
        final Map<String, String> explicit = new HashMap<>(settings);
        if (bootstrapServers != null) {
            explicit.put(CommonSettings.BOOTSTRAP_SERVERS.key(), bootstrapServers);
        }
        if (schemaRegistry != null) {
            explicit.put(CommonSettings.SCHEMA_REGISTRY_URL.key(), schemaRegistry);
        }
        return PixelgateConfig.load(configFile, System.getenv(), explicit);
    }
}
