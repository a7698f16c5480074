package io.pixelgate.aggregator.bench;

import io.pixelgate.devcluster.EmbeddedKafka;
import io.pixelgate.devcluster.RegistryProcess;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateConfig.Keys;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.TopicProvisioner;
import io.pixelgate.platform.bench.BenchEnvironment;
import io.pixelgate.platform.bench.BenchResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Runs {@link AggregatorBench} on its own embedded broker and registry, for use before (or
 * without) the launcher's {@code bench} command. Arguments: {@code key=value} options.
 *
 * <pre>
 * ./mvnw -q -o -pl open-aggregator test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx1g -cp "$(cat open-aggregator/target/cp.txt):open-aggregator/target/classes:open-aggregator/target/test-classes" \
 *     io.pixelgate.aggregator.bench.AggregatorBenchMain hits=200000
 * </pre>
 */
public final class AggregatorBenchMain {

    private AggregatorBenchMain() {
    }

    public static void main(final String[] args) throws Exception {
        final Map<String, String> options = new HashMap<>();
        for (final String arg : args) {
            final int equals = arg.indexOf('=');
            options.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        final Path work = Files.createTempDirectory("aggregator-bench-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, work.resolve("kafka"), Duration.ofSeconds(120));
             RegistryProcess registry = RegistryProcess.start(null, 0, work, Duration.ofSeconds(120))) {
            final List<BenchResult> results = new AggregatorBench().run(new Environment(kafka.bootstrapServers(),
                    registry.baseUrl(), work, options));
            for (final BenchResult result : results) {
                System.out.println(result);
                if (result.ratio() != null) {
                    System.out.printf("  ratio %.2f%n", result.ratio());
                }
            }
        }
        System.exit(0);
    }

    private record Environment(String bootstrapServers, String registryUrl, Path work, Map<String, String> options)
            implements BenchEnvironment {

        @Override
        public PixelgateRuntime newRuntime(final Map<String, String> overrides) {
            final Map<String, String> settings = new HashMap<>();
            settings.put(Keys.BOOTSTRAP_SERVERS, bootstrapServers);
            settings.put(Keys.SCHEMA_REGISTRY_URL, registryUrl);
            settings.put(Keys.TOPIC_PREFIX, "b" + UUID.randomUUID().toString().substring(0, 8) + ".");
            settings.put(Keys.STATE_DIR, newDirectory("state").toString());
            settings.putAll(overrides);
            final PixelgateRuntime runtime = PixelgateRuntime.connect(PixelgateConfig.of(settings));
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
                TopicProvisioner.ensure(admin, runtime.topics().all(),
                        runtime.config().integer(Keys.TOPIC_PARTITIONS, 3), (short) 1);
            }
            runtime.registerSchemas(runtime.topics().all());
            return runtime;
        }

        @Override
        public Path newDirectory(final String name) {
            try {
                return Files.createDirectories(work.resolve(name + "-" + UUID.randomUUID()));
            } catch (final IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void progress(final String what, final long done, final long total) {
            System.out.printf("%s: %d/%d%n", what, done, total);
        }

        @Override
        public long peakRssBytes() {
            try {
                return Files.readAllLines(Path.of("/proc/self/status")).stream()
                        .filter(line -> line.startsWith("VmHWM:"))
                        .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024).findFirst().orElse(-1);
            } catch (final IOException e) {
                return -1;
            }
        }
    }
}
