package io.pixelgate.system;

import java.util.Locale;

/** A one-line text progress bar. */
public final class ProgressBar {

    private static final int WIDTH = 30;

    private ProgressBar() {
    }

    /** {@code what [#####.....]  50% 5/10}. */
    public static String render(final String what, final long done, final long total) {
        final double fraction = total <= 0 ? 0 : Math.min(1.0, (double) done / total);
        return String.format("%-28s %s %,d/%,d", what, bar(fraction), done, total);
    }

    /** {@code [#####.....]  50%} for a fraction from 0 to 1. */
    public static String bar(final double fraction) {
        final int filled = (int) Math.round(fraction * WIDTH);
        return String.format(Locale.ROOT, "[%s%s] %3d%%", "#".repeat(filled), ".".repeat(WIDTH - filled),
                Math.round(fraction * 100));
    }
}
