package io.pixelgate.bench;

import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.system.DevCluster;
import io.pixelgate.system.Directories;
import io.pixelgate.system.ProcessMemory;
import io.pixelgate.system.ProgressBar;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pixelgate bench}: every benchmark, against a real embedded broker and registry, in one table. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Runs the benchmarks of every application on an embedded broker and registry, each with its "
                + "baseline measured in the same run, and prints one table (also written to bench-results/)."})
public final class BenchCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Only these benchmarks (default: all).")
    List<String> only = new ArrayList<>();

    @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE",
            description = {"Options passed to the benchmarks, e.g. -o records=100000. Keys starting with "
                    + "'streams.' are Kafka Streams settings given to every application measured, baselines "
                    + "included, e.g. -o streams.max.task.idle.ms=-1."})
    Map<String, String> options = new HashMap<>();

    @Option(names = "--out-dir", defaultValue = "bench-results", description = "Where the table is written.")
    Path outDir;

    @Option(names = "--list", description = "List the benchmarks and exit.")
    boolean list;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final List<Benchmark> benchmarks = ServiceLoader.load(Benchmark.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(b -> only.isEmpty() || only.contains(b.name()))
                .toList();
        final PrintWriter out = spec.commandLine().getOut();
        if (list || benchmarks.isEmpty()) {
            benchmarks.forEach(b -> out.printf("%-18s %s%n", b.name(), b.description()));
            if (benchmarks.isEmpty()) {
                out.println("no benchmark " + (only.isEmpty() ? "is on the class path" : "named " + only));
            }
            out.flush();
            return benchmarks.isEmpty() ? 1 : 0;
        }
        benchmarks.forEach(Benchmark::checkPrerequisites);
        final Path scratch = Files.createTempDirectory("pixelgate-bench-");
        final List<BenchResult> results = new ArrayList<>();
        try (DevCluster cluster = DevCluster.start(scratch, 0, 1, 0, Duration.ofMinutes(2))) {
            final Environment environment = new Environment(cluster, scratch, options);
            for (final Benchmark benchmark : benchmarks) {
                System.err.printf("%n== %s: %s%n", benchmark.name(), benchmark.description());
                results.addAll(benchmark.run(environment));
                System.err.println();
            }
        } finally {
            Directories.deleteRecursively(scratch);
        }
        final String table = BenchTable.render(results);
        out.println(table);
        out.flush();
        final Path file = write(table);
        System.err.println("written to " + file);
        return 0;
    }

    private Path write(final String table) throws IOException {
        Files.createDirectories(outDir);
        final Path file = outDir.resolve("bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern(
                "yyyyMMdd-HHmmss")) + ".md");
        Files.writeString(file, table + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /** What each benchmark runs against. */
    private record Environment(DevCluster cluster, Path scratch, Map<String, String> options) implements BenchEnvironment {

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
            final Map<String, String> settings = new HashMap<>();
            settings.put(CommonSettings.TOPIC_PREFIX.key(), "bench" + UUID.randomUUID().toString().substring(0, 6) + ".");
            settings.put(CommonSettings.STATE_DIR.key(), newDirectory("state").toString());
            options.forEach((key, value) -> {
                if (key.startsWith(CommonSettings.STREAMS_PREFIX)) {
                    settings.put(key, value);
                }
            });
            settings.putAll(overrides);
            return cluster.runtime(cluster.config(settings));
        }

        @Override
        public Path newDirectory(final String name) {
            try {
                return Files.createDirectories(scratch.resolve(name + "-" + UUID.randomUUID()));
            } catch (final IOException e) {
                throw new IllegalStateException("cannot create a scratch directory in " + scratch, e);
            }
        }

        @Override
        public void progress(final String what, final long done, final long total) {
            System.err.print("\r" + ProgressBar.render(what, done, total));
        }

        @Override
        public long peakRssBytes() {
            return ProcessMemory.peakRssBytes();
        }
    }
}
