package io.pixelgate.bench;

/**
 * One row of the bench table. Rates are per second; latencies in milliseconds; null where a case
 * does not measure it.
 *
 * @param benchmark    the benchmark's name
 * @param measured     what was measured, e.g. {@code enricher, no html}
 * @param rate         the subject's rate
 * @param baseline     what the baseline is, e.g. {@code pass-through Streams app}
 * @param baselineRate the baseline's rate, measured in the same run
 * @param target       the target, e.g. {@code >= 70% of baseline}
 * @param p50Ms        median latency
 * @param p99Ms        99th percentile latency
 * @param peakRssBytes peak resident memory of this JVM during the case, or -1
 * @param note         anything a reader must know to trust the row
 */
public record BenchResult(String benchmark, String measured, double rate, String baseline, Double baselineRate,
                          String target, Double p50Ms, Double p99Ms, long peakRssBytes, String note) {

    /** The subject's rate over the baseline's, or null without a baseline. */
    public Double ratio() {
        return baselineRate == null || baselineRate == 0 ? null : rate / baselineRate;
    }
}
