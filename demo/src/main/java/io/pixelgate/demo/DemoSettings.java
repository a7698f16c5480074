package io.pixelgate.demo;

import java.time.Duration;

/**
 * How the demo runs.
 *
 * @param profiles  population size
 * @param rate      send requests per second
 * @param duration  how long it sends, from the start of the simulation; null for until stopped
 * @param drain     how long it waits for late opens after the last send (with a duration)
 * @param seed      seed of the population and its behaviour
 * @param edgeUrl   the edge's base URL, as in the tracked sends
 * @param logFile   where the applications log, shown in the view; null when they log to stderr
 * @param terminal  true to redraw a live frame, false to print summary lines
 */
public record DemoSettings(int profiles, double rate, Duration duration, Duration drain, long seed, String edgeUrl,
                           String logFile, boolean terminal) {

    /** The shortest duration: the CRM import and a few seconds of sends. */
    public static final Duration MIN_DURATION = Duration.ofSeconds(10);

    public DemoSettings {
        if (profiles < 1) {
            throw new IllegalArgumentException("--profiles must be at least 1, got " + profiles);
        }
        if (!(rate > 0) || rate > 100_000) {
            throw new IllegalArgumentException("--rate must be between 0 and 100000 sends per second, got " + rate);
        }
        if (duration != null && duration.compareTo(MIN_DURATION) < 0) {
            throw new IllegalArgumentException("--duration must be at least " + MIN_DURATION.toSeconds()
                    + "s (the CRM import goes first), got " + Durations.clock(duration));
        }
    }

    /** How many sends go out: the rate over the duration after the warm-up; -1 for no limit. */
    public long plannedSends() {
        if (duration == null) {
            return -1;
        }
        return Math.max(1, Math.round(rate * duration.minus(TrafficPump.WARM_UP).toMillis() / 1000.0));
    }

    /** The span over which answers not known at the start reach the CRM. */
    Duration consentHorizon() {
        return duration == null ? Duration.ofMinutes(10) : duration.multipliedBy(4).dividedBy(5);
    }
}
