package io.pixelgate.bench;

import java.util.List;

/** Latency percentiles of the benchmarks, by nearest rank. */
public final class Percentiles {

    private Percentiles() {
    }

    /** The value at {@code fraction} (e.g. 0.99) of {@code sorted}, ascending; null when it is empty. */
    public static <T> T nearestRank(final List<T> sorted, final double fraction) {
        if (sorted.isEmpty()) {
            return null;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(fraction * sorted.size()) - 1));
    }
}
