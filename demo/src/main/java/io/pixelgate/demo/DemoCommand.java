package io.pixelgate.demo;

import io.pixelgate.devcluster.EmbeddedKafka;
import io.pixelgate.edge.EdgeSettings;
import io.pixelgate.system.DevSystem;
import io.pixelgate.system.Directories;
import io.pixelgate.system.LocalSystemOptions;
import io.pixelgate.system.UntilStopped;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pixelgate demo}: {@code dev} plus simulated traffic through the real edge, and a live view. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts what dev starts, then feeds it simulated traffic: a CRM publishing consent answers, "
                + "campaigns with A/B variants, consent requests and order confirmations, and recipients behind Apple "
                + "Mail Privacy Protection, Gmail's image proxy, corporate link scanners, image-blocking clients and "
                + "people who open later, click and sometimes withdraw on the preferences page.",
                "A live view of the output topics refreshes every second (summary lines when not on a terminal). "
                        + "Ctrl-C stops the simulation, then the applications, then the cluster.",
                "Its data directory is emptied at each start, unless --keep-data."})
public final class DemoCommand implements Callable<Integer> {

    /** Marks a data directory as the demo's own, which it may empty. */
    static final String MARKER = ".pixelgate-demo-data";
    /** The demo's requests all come from this machine: the edge believes their X-Forwarded-For. */
    static final String LOOPBACK_PROXIES = "127.0.0.1/32,::1/128";

    @Option(names = "--profiles", defaultValue = "10000", description = "Simulated recipients (default ${DEFAULT-VALUE}).")
    int profiles;

    @Option(names = "--rate", defaultValue = "200", paramLabel = "PER_SECOND",
            description = "Send requests per second (default ${DEFAULT-VALUE}, comfortable on 2 cores).")
    double rate;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to send, e.g. 90s, 5m, PT10M; then late opens are waited for and the demo "
                    + "exits (default: until Ctrl-C).")
    Duration duration;

    @Option(names = "--drain", paramLabel = "DURATION", defaultValue = "20s", converter = DurationConverter.class,
            description = "With --duration: how long to wait for late opens after the last send (default "
                    + "${DEFAULT-VALUE}).")
    Duration drain;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the population and its behaviour "
            + "(default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--plain", description = "Summary lines instead of the live view, even on a terminal.")
    boolean plain;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".pixelgate-demo",
            description = "Where Kafka data, Streams state, the token key and logs live (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--keep-data", description = "Run on the data directory as it is instead of emptying it.")
    boolean keepData;

    @Mixin
    LocalSystemOptions local = new LocalSystemOptions();

    /** Reads {@code 90s}, {@code 5m}, {@code PT5M}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(final String value) {
            try {
                return Durations.parse(value);
            } catch (final IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    public Integer call() throws IOException {
        final PrintStream out = System.out;
        final boolean terminal = !plain && System.console() != null;
        // the port goes into every URL of the tracked sends, so "any free port" is chosen here
        final int port = local.edgePort() == 0 ? EmbeddedKafka.freePort() : local.edgePort();
        final DemoSettings demoSettings = new DemoSettings(profiles, rate, duration, drain, seed,
                "http://localhost:" + port, terminal ? dataDir.resolve("demo.log").toString() : null, terminal);
        prepareDataDir();
        if (terminal) {
            DemoLogs.toFile(dataDir.resolve("demo.log"));
        }
        out.println("pixelgate demo: starting Kafka, the schema registry and the applications"
                + (terminal ? " (logs: " + demoSettings.logFile() + ")" : "") + " ...");
        final long begin = System.nanoTime();
        final Map<String, String> overrides = new HashMap<>(
                Map.of(EdgeSettings.TRUSTED_PROXIES.key(), LOOPBACK_PROXIES));
        overrides.putAll(local.settings());
        final DevSystem system = DevSystem.start(dataDir, local.kafkaPort(), local.brokers(), local.registryPort(),
                port, overrides, Duration.ofMinutes(2));
        out.printf("%s (%.1f s)%n", system.readyLine(), (System.nanoTime() - begin) / 1e9);
        out.flush();
        final Demo demo;
        try {
            demo = Demo.start(system.runtime(), demoSettings, out);
        } catch (final RuntimeException e) {
            system.close();
            throw e;
        }
        runUntilStopped(demo, system);
        return 0;
    }

    /**
     * Waits for the end of the run (with --duration) or for Ctrl-C, whichever comes first, then stops
     * the simulation, the applications and the cluster, in that order, once.
     */
    private static void runUntilStopped(final Demo demo, final DevSystem system) {
        UntilStopped.awaitEither(demo::awaitFinished, demo,
                () -> System.err.println("pixelgate demo: stopping the applications and the cluster ..."), system);
    }

    /** Empties the data directory for a fresh run, unless asked not to, and only if it is the demo's own. */
    private void prepareDataDir() throws IOException {
        if (keepData) {
            return;
        }
        if (Files.isDirectory(dataDir) && !Files.exists(dataDir.resolve(MARKER)) && !isEmpty(dataDir)) {
            throw new IllegalStateException(dataDir + " holds data that pixelgate demo did not write; give another "
                    + "--data-dir, or --keep-data to run on it as it is");
        }
        Directories.deleteRecursively(dataDir);
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve(MARKER), "pixelgate demo empties this directory at each start "
                + "(unless --keep-data).\n", StandardCharsets.UTF_8);
    }

    private static boolean isEmpty(final Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
