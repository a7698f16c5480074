package io.pixelgate.bench;

import java.util.List;

/** Renders bench results as one Markdown table. */
final class BenchTable {

    private BenchTable() {
    }

    static String render(final List<BenchResult> results) {
        final StringBuilder table = new StringBuilder()
                .append("| benchmark | measured | rate/s | baseline | baseline rate/s | ratio | target | p50 ms | p99 ms"
                        + " | peak RSS MB | note |\n")
                .append("|---|---|---:|---|---:|---:|---|---:|---:|---:|---|\n");
        for (final BenchResult r : results) {
            table.append("| ").append(r.benchmark())
                    .append(" | ").append(r.measured())
                    .append(" | ").append(String.format("%,.0f", r.rate()))
                    .append(" | ").append(orDash(r.baseline()))
                    .append(" | ").append(r.baselineRate() == null ? "-" : String.format("%,.0f", r.baselineRate()))
                    .append(" | ").append(r.ratio() == null ? "-" : String.format("%.0f%%", r.ratio() * 100))
                    .append(" | ").append(orDash(r.target()))
                    .append(" | ").append(r.p50Ms() == null ? "-" : String.format("%.1f", r.p50Ms()))
                    .append(" | ").append(r.p99Ms() == null ? "-" : String.format("%.1f", r.p99Ms()))
                    .append(" | ").append(r.peakRssBytes() < 0 ? "-" : Long.toString(r.peakRssBytes() / (1024 * 1024)))
                    .append(" | ").append(orDash(r.note()))
                    .append(" |\n");
        }
        return table.toString();
    }

    private static String orDash(final String text) {
        return text == null || text.isBlank() ? "-" : text.replace("|", "/");
    }
}
