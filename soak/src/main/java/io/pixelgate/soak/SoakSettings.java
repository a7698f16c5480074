package io.pixelgate.soak;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How long and how hard the soak runs.
 *
 * @param duration             from the first send to the end of traffic; the faults are spread over it
 * @param sendRate             send requests per second
 * @param profiles             recipients (a quarter grant nothing, a quarter measurement only, half profiling too)
 * @param withdrawalsPerMinute withdrawals on the preferences page, at most
 * @param dataDir              Kafka data, Streams state and every process's log
 * @param seed                 of the simulated choices
 */
public record SoakSettings(Duration duration, double sendRate, int profiles, double withdrawalsPerMinute, Path dataDir,
                    long seed) {

    public SoakSettings {
        if (duration.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("--duration must be at least PT1M (the faults need room), got " + duration);
        }
        if (sendRate <= 0 || sendRate > 1_000) {
            throw new IllegalArgumentException("--send-rate must be above 0 and at most 1000 per second, got " + sendRate);
        }
        if (profiles < 4) {
            throw new IllegalArgumentException("--profiles must be at least 4, got " + profiles);
        }
        if (withdrawalsPerMinute <= 0) {
            throw new IllegalArgumentException("--withdrawals must be above 0 per minute, got " + withdrawalsPerMinute);
        }
    }
}
