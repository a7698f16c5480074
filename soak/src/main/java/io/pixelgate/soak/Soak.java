package io.pixelgate.soak;

import io.pixelgate.aggregator.OpenAggregatorApplication;
import io.pixelgate.consent.ConsentEventsApplication;
import io.pixelgate.enricher.SendEnricherApplication;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code pixelgate soak}: Pixelgate as production runs it, for a while, with faults: a 3-broker
 * cluster, two instances of each Streams application and two edges in processes of their own,
 * traffic as users make it ({@link Traffic}), the faults of {@link Faults}, and at the end the
 * outputs against the ground truth ({@link Checks}), the recovery time of each fault and the ERROR
 * lines of the applications' logs. Exit code 0 only when every check passed and every fault recovered.
 */
public final class Soak {

    private static final Duration DRAIN = Duration.ofMinutes(4);
    private static final Duration RECHECK = Duration.ofSeconds(10);
    private static final int ERROR_LINES_SHOWN = 40;

    private final SoakSettings settings;
    private final PrintStream out;

    /** {@code settings.dataDir()} should be empty: a cluster found there is used as it is. */
    public Soak(final SoakSettings settings, final PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Runs the soak; 0 when everything held. */
    public int run() throws Exception {
        final long begin = System.nanoTime();
        say("starting 3 brokers, the registry and 8 application instances (data and logs in " + settings.dataDir() + ")");
        try (SoakSystem system = SoakSystem.start(settings.dataDir())) {
            say("up in " + Faults.seconds(Duration.ofNanos(System.nanoTime() - begin)) + "; brokers "
                    + system.kafka().bootstrapServers() + ", edges " + system.edgeUrls());
            return soak(system);
        }
    }

    private int soak(final SoakSystem system) throws Exception {
        final GroundTruth truth = new GroundTruth();
        final String bootstrap = system.kafka().bootstrapServers();
        final long lagBound = Math.max(50, Math.round(settings.sendRate() * 5));
        final List<Faults.Recovery> recoveries;
        try (Traffic traffic = new Traffic(system.runtime().topics(), bootstrap, system.edgeUrls(), settings, truth);
             Lag lag = new Lag(bootstrap, List.of(ConsentEventsApplication.APPLICATION_ID, SendEnricherApplication.APPLICATION_ID,
                     OpenAggregatorApplication.APPLICATION_ID))) {
            traffic.grantConsents();
            Soak.sleep(Duration.ofSeconds(5)); // let consent-events write the grants before the first send
            say("traffic for " + settings.duration() + ": " + settings.sendRate() + " sends/s to " + settings.profiles()
                    + " profiles, up to " + settings.withdrawalsPerMinute() + " withdrawals/min");
            final long start = System.nanoTime();
            traffic.start();
            final Faults faults = new Faults(system, lag, lagBound, out);
            faults.run(start, settings.duration());
            final long end = start + settings.duration().toNanos();
            if (end > System.nanoTime()) {
                Soak.sleep(Duration.ofNanos(end - System.nanoTime()));
            }
            say("traffic stops after " + Faults.seconds(Duration.ofNanos(System.nanoTime() - start)) + "; draining");
            traffic.stop(DRAIN);
            recoveries = faults.recoveries();
        }
        final List<Checks.Result> results = checkUntilSettled(system, truth);
        return report(results, recoveries, truth, system);
    }

    /** The outputs trail the last answers: check again until everything agrees or the drain time is up. */
    private List<Checks.Result> checkUntilSettled(final SoakSystem system, final GroundTruth truth) {
        final Checks checks = new Checks(system.runtime().topics(), system.kafka().bootstrapServers(), truth);
        final long deadline = System.nanoTime() + DRAIN.toNanos();
        List<Checks.Result> results = checks.run();
        while (results.stream().anyMatch(r -> !r.ok()) && System.nanoTime() < deadline) {
            Soak.sleep(RECHECK);
            results = checks.run();
        }
        return results;
    }

    private int report(final List<Checks.Result> results, final List<Faults.Recovery> recoveries,
                       final GroundTruth truth, final SoakSystem system) {
        out.println();
        out.println("SOAK RESULTS");
        for (final Checks.Result result : results) {
            out.printf("  %s  %s: %s%n", result.ok() ? "PASS" : "FAIL", result.name(), result.figures());
        }
        out.println("  requests not answered as expected (left out of the truth): " + truth.total(truth.unanswered)
                + (truth.unanswered.isEmpty() ? "" : " " + new TreeMap<>(truth.unanswered)));
        out.println("RECOVERY (fault until every instance ready and lag back under its bound)");
        for (final Faults.Recovery recovery : recoveries) {
            out.printf("  %s  %-26s %8s  (%s)%n", recovery.ok() ? "PASS" : "FAIL", recovery.fault(),
                    Faults.seconds(recovery.recovered()), recovery.detail());
        }
        final Map<String, Integer> errors = errorLines(system);
        out.println("ERROR LINES in the applications' logs: " + errors.values().stream().mapToInt(Integer::intValue).sum()
                + (errors.isEmpty() ? "" : " (distinct, with counts; logs in " + settings.dataDir().resolve("logs") + ")"));
        errors.entrySet().stream().limit(ERROR_LINES_SHOWN)
                .forEach(e -> out.println("  " + e.getValue() + " x " + e.getKey()));
        final long passed = results.stream().filter(Checks.Result::ok).count()
                + recoveries.stream().filter(Faults.Recovery::ok).count();
        final long failed = results.size() + recoveries.size() - passed;
        out.println("soak: " + passed + " passed, " + failed + " failed");
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    /** ERROR lines of every instance's log, without their time stamps, so repeats group. */
    private static Map<String, Integer> errorLines(final SoakSystem system) {
        final Map<String, Integer> lines = new LinkedHashMap<>();
        for (final Path dir : system.logFiles()) {
            try (Stream<Path> files = Files.list(dir)) {
                for (final Path file : files.filter(f -> !f.getFileName().toString().startsWith("registry")).sorted()
                        .toList()) {
                    final String instance = file.getFileName().toString().replace(".log", "");
                    for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                        if (line.contains(" ERROR ")) {
                            final String text = instance + ": " + line.replaceFirst("^\\S+\\s+", "");
                            lines.merge(text.length() > 300 ? text.substring(0, 300) + "..." : text, 1, Integer::sum);
                        }
                    }
                }
            } catch (final IOException e) {
                lines.put("(cannot read the logs in " + dir + ": " + e + ")", 1);
            }
        }
        return lines;
    }

    private void say(final String line) {
        out.println("soak: " + line);
        out.flush();
    }

    static void sleep(final Duration duration) {
        try {
            Thread.sleep(Math.max(0, duration.toMillis()));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
