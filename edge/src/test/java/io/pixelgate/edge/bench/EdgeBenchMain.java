package io.pixelgate.edge.bench;

import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.bench.BenchEnvironment;
import io.pixelgate.platform.bench.BenchResult;
import io.pixelgate.testkit.TestCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs {@link EdgeBench} without the launcher: the test cluster's embedded broker and registry,
 * options as {@code key=value} arguments (threads, connections, duration, warmup). Not a test.
 *
 * <pre>
 * ./mvnw -q -o -pl edge test-compile
 * java -cp "$(cat edge/target/bench.classpath):edge/target/classes:edge/target/test-classes" \
 *     io.pixelgate.edge.bench.EdgeBenchMain duration=15
 * </pre>
 */
public final class EdgeBenchMain {

    private EdgeBenchMain() {
    }

    public static void main(final String[] args) throws Exception {
        final Map<String, String> options = new HashMap<>();
        for (final String arg : args) {
            final String[] pair = arg.split("=", 2);
            options.put(pair[0], pair.length > 1 ? pair[1] : "");
        }
        final TestCluster cluster = TestCluster.shared();
        final List<BenchResult> results = new EdgeBench().run(new BenchEnvironment() {
            @Override
            public String bootstrapServers() {
                return cluster.bootstrapServers();
            }

            @Override
            public String registryUrl() {
                return cluster.registryUrl();
            }

            @Override
            public PixelgateRuntime newRuntime(final Map<String, String> overrides) {
                return cluster.newRuntime(overrides);
            }

            @Override
            public Path newDirectory(final String name) {
                return cluster.newDirectory(name);
            }

            @Override
            public void progress(final String what, final long done, final long total) {
                System.out.printf(Locale.ROOT, "[%d/%d] %s%n", done, total, what);
            }

            @Override
            public Map<String, String> options() {
                return options;
            }

            @Override
            public long peakRssBytes() {
                return peakRss();
            }
        });
        for (final BenchResult result : results) {
            System.out.printf(Locale.ROOT, "%s | %s: %.0f req/s | %s: %.0f req/s | ratio %.2f | p50 %.2f ms | p99 %.2f ms"
                            + " | peak RSS %d MiB | target %s%n  %s%n", result.benchmark(), result.measured(), result.rate(),
                    result.baseline(), result.baselineRate(), result.ratio(), result.p50Ms(), result.p99Ms(),
                    result.peakRssBytes() / (1024 * 1024), result.target(), result.note());
        }
        System.exit(0);
    }

    private static long peakRss() {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (final IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
