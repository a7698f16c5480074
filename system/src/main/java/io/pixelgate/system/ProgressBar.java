package io.pixelgate.system;

/** A one-line text progress bar. */
public final class ProgressBar {

    private static final int WIDTH = 30;

    private ProgressBar() {
    }

    public static String render(final String what, final long done, final long total) {
        final double fraction = total <= 0 ? 0 : Math.min(1.0, (double) done / total);
        final int filled = (int) Math.round(fraction * WIDTH);
        return String.format("%-28s [%s%s] %3d%% %,d/%,d", what, "#".repeat(filled), ".".repeat(WIDTH - filled),
                Math.round(fraction * 100), done, total);
    }
}
