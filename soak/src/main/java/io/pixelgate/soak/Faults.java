package io.pixelgate.soak;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The faults of the soak, in order, each at its share of the run and after the last one recovered:
 * one broker SIGKILLed and brought back; one instance of each Streams application SIGKILLed
 * mid-stream and restarted; a rolling restart of every instance; a third open-aggregator added,
 * then removed. Each records how long processing took to catch up again: every running instance
 * ready, and the applications' lag back under twice what it was before any fault, twice in a row.
 */
final class Faults {

    /** How long processing may take to catch up after a fault's steps before the soak counts it as failed. */
    static final Duration RECOVERY_LIMIT = Duration.ofMinutes(4);
    private static final Duration CHECK = Duration.ofMillis(500);
    private static final Duration PROGRESS = Duration.ofSeconds(15);
    private static final int BROKER_KILLED = 2;

    private final SoakSystem system;
    private final Lag lag;
    private final long minimumLagBound;
    private long lagBound;
    private final PrintStream out;
    private final List<Recovery> recoveries = new ArrayList<>();

    /** One fault and what it took. */
    record Recovery(String fault, Duration recovered, String detail, boolean ok) {
    }

    Faults(final SoakSystem system, final Lag lag, final long lagBound, final PrintStream out) {
        this.system = system;
        this.lag = lag;
        this.minimumLagBound = lagBound;
        this.lagBound = lagBound;
        this.out = out;
    }

    List<Recovery> recoveries() {
        return List.copyOf(recoveries);
    }

    /** Runs the plan over {@code duration} from {@code startNanos}. */
    void run(final long startNanos, final Duration duration) {
        baseline(startNanos + (long) (duration.toNanos() * 0.10));
        brokerKill(Duration.ofSeconds(Math.max(10, Math.min(30, duration.toSeconds() / 20))));
        at(startNanos, duration, 0.25);
        for (final String app : SoakSystem.STREAMS_APPLICATIONS) {
            instanceKill(system.instance(app + "-1"));
        }
        at(startNanos, duration, 0.45);
        rollingRestart();
        at(startNanos, duration, 0.68);
        final Instance third = scaleOut();
        at(startNanos, duration, 0.82);
        scaleIn(third);
    }

    /**
     * Two recoveries: processing catching up on the two brokers left (the fault's), then, after the
     * broker's restart, its replicas back in sync and processing caught up on three.
     */
    private void brokerKill(final Duration down) {
        final long begin = System.nanoTime();
        log("SIGKILL of Kafka broker " + BROKER_KILLED + ", down for " + seconds(down) + " at least");
        system.kafka().kill(BROKER_KILLED);
        record("broker " + BROKER_KILLED + " SIGKILL", begin, "on the two brokers left");
        final long downFor = System.nanoTime() - begin;
        if (downFor < down.toNanos()) {
            Soak.sleep(Duration.ofNanos(down.toNanos() - downFor));
        }
        final long restart = System.nanoTime();
        system.kafka().restart(BROKER_KILLED, RECOVERY_LIMIT);
        final Duration registered = Duration.ofNanos(System.nanoTime() - restart);
        final Duration inSync = system.kafka().awaitInSync(RECOVERY_LIMIT);
        record("broker " + BROKER_KILLED + " restart", restart, "down " + seconds(Duration.ofNanos(restart - begin))
                + ", registered " + seconds(registered) + " after its start, replicas in sync " + seconds(inSync)
                + " later");
    }

    private void instanceKill(final Instance instance) {
        final long begin = System.nanoTime();
        log("SIGKILL of " + instance.name());
        instance.kill();
        Soak.sleep(Duration.ofSeconds(3));
        instance.start();
        instance.awaitReady(RECOVERY_LIMIT);
        record(instance.name() + " SIGKILL", begin, "ready again " + seconds(Duration.ofNanos(System.nanoTime() - begin))
                + " after the kill");
    }

    private void rollingRestart() {
        final long begin = System.nanoTime();
        log("rolling restart of " + system.instances().size() + " instances");
        final List<String> each = new ArrayList<>();
        for (final Instance instance : system.instances()) {
            final long one = System.nanoTime();
            instance.stop();
            instance.start();
            instance.awaitReady(RECOVERY_LIMIT);
            each.add(instance.name() + " " + seconds(Duration.ofNanos(System.nanoTime() - one)));
        }
        record("rolling restart", begin, "each stop to ready: " + String.join(", ", each));
    }

    private Instance scaleOut() {
        final long begin = System.nanoTime();
        final Instance third = system.add("open-aggregator", 3, Map.of());
        log("adding " + third.name());
        third.start();
        third.awaitReady(RECOVERY_LIMIT);
        record("add " + third.name(), begin, "ready " + seconds(Duration.ofNanos(System.nanoTime() - begin)) + " after start");
        return third;
    }

    private void scaleIn(final Instance third) {
        final long begin = System.nanoTime();
        log("removing " + third.name());
        third.stop();
        system.remove(third);
        record("remove " + third.name(), begin, "stopped with SIGTERM");
    }

    /** Waits until caught up (or the limit), and keeps what it took. */
    private void record(final String fault, final long begin, final String detail) {
        final boolean ok = awaitCaughtUp();
        final Duration took = Duration.ofNanos(System.nanoTime() - begin);
        final Recovery recovery = new Recovery(fault, took, detail, ok);
        recoveries.add(recovery);
        log(fault + (ok ? ": caught up " + seconds(took) + " after the fault (" : ": NOT caught up within "
                + RECOVERY_LIMIT + " (") + detail + ")");
    }

    /** The limit counts from now, when the fault's own steps (restarts) are done. */
    private boolean awaitCaughtUp() {
        final long deadline = System.nanoTime() + RECOVERY_LIMIT.toNanos();
        long nextProgress = System.nanoTime() + PROGRESS.toNanos();
        int inARow = 0;
        while (System.nanoTime() < deadline) {
            final long behind = lag.total();
            final List<String> notReady = system.instances().stream().filter(i -> !i.ready()).map(Instance::name).toList();
            inARow = notReady.isEmpty() && behind >= 0 && behind <= lagBound ? inARow + 1 : 0;
            if (inARow >= 2) {
                return true;
            }
            if (System.nanoTime() > nextProgress) {
                log("  waiting: lag " + (behind < 0 ? "unknown" : behind + " records") + " (bound " + lagBound
                        + "), not ready " + notReady);
                nextProgress = System.nanoTime() + PROGRESS.toNanos();
            }
            Soak.sleep(CHECK);
        }
        return false;
    }

    /**
     * The lag of a healthy run under this traffic, watched until {@code untilNanos}: "caught up"
     * means back under twice its maximum (and under the minimum bound at least).
     */
    private void baseline(final long untilNanos) {
        long highest = 0;
        while (System.nanoTime() < untilNanos) {
            highest = Math.max(highest, lag.total());
            Soak.sleep(CHECK);
        }
        lagBound = Math.max(minimumLagBound, 2 * highest);
        log("lag before any fault: at most " + highest + " records; caught up means under " + lagBound);
    }

    private static void at(final long startNanos, final Duration duration, final double share) {
        final long when = startNanos + (long) (duration.toNanos() * share);
        final long wait = when - System.nanoTime();
        if (wait > 0) {
            Soak.sleep(Duration.ofNanos(wait));
        }
    }

    private void log(final String line) {
        out.println("soak: " + line);
        out.flush();
    }

    static String seconds(final Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}
