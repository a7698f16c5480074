package io.pixelgate.enricher.bench;

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
 * Runs {@link SendEnricherBenchmark} without the launcher: an embedded broker and registry in this
 * JVM, options as {@code key=value} arguments. Not a test (no surefire name pattern matches it).
 */
public final class SendEnricherBenchMain {

    private SendEnricherBenchMain() {
    }

    public static void main(final String[] args) throws Exception {
        final Map<String, String> options = new HashMap<>();
        for (final String arg : args) {
            final int eq = arg.indexOf('=');
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        final Path scratch = Files.createTempDirectory("pixelgate-enricher-bench-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, scratch.resolve("kafka"), Duration.ofMinutes(2));
             RegistryProcess registry = RegistryProcess.start(null, 0, scratch)) {
            final List<BenchResult> results = new SendEnricherBenchmark().run(
                    new Environment(kafka.bootstrapServers(), registry.baseUrl(), scratch, options));
            System.out.println();
            for (final BenchResult r : results) {
                System.out.printf("%s | %s | %,.0f/s | baseline %s | ratio %s | p50 %s | p99 %s | RSS %d MB | %s%n",
                        r.benchmark(), r.measured(), r.rate(),
                        r.baselineRate() == null ? "-" : String.format("%,.0f/s", r.baselineRate()),
                        r.ratio() == null ? "-" : String.format("%.0f%%", r.ratio() * 100),
                        r.p50Ms(), r.p99Ms(), r.peakRssBytes() / (1024 * 1024), r.note());
            }
        }
        System.exit(0);
    }

    private record Environment(String bootstrapServers, String registryUrl, Path scratch, Map<String, String> options)
            implements BenchEnvironment {

        @Override
        public PixelgateRuntime newRuntime(final Map<String, String> overrides) {
            final Map<String, String> settings = new HashMap<>();
            settings.put(Keys.BOOTSTRAP_SERVERS, bootstrapServers);
            settings.put(Keys.SCHEMA_REGISTRY_URL, registryUrl);
            settings.put(Keys.TOPIC_PREFIX, "bench" + UUID.randomUUID().toString().substring(0, 6) + ".");
            settings.put(Keys.STATE_DIR, newDirectory("state").toString());
            // Pixelgate settings may ride along as options too, e.g. streams.commit.interval.ms=50
            options.forEach((key, value) -> {
                if (key.startsWith(Keys.STREAMS_PREFIX) || key.startsWith("topic.")) {
                    settings.put(key, value);
                }
            });
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
                return Files.createDirectories(scratch.resolve(name + "-" + UUID.randomUUID()));
            } catch (final IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void progress(final String what, final long done, final long total) {
            System.err.printf("\r%s: %,d / %,d   ", what, done, total);
        }

        @Override
        public long peakRssBytes() {
            try {
                for (final String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmHWM:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (final IOException | NumberFormatException e) {
                return -1;
            }
            return -1;
        }
    }
}
