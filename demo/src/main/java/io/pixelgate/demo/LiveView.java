package io.pixelgate.demo;

import java.io.PrintStream;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Shows the {@link Dashboard}: on a terminal, a frame redrawn in place every second (cursor home,
 * each line cleared to its end, the rest of the screen cleared); elsewhere (a pipe, a log), one
 * summary line every few seconds.
 */
final class LiveView implements AutoCloseable {

    private static final String ESC = "\u001b[";
    private static final String HOME = ESC + "H";
    private static final String CLEAR_SCREEN = ESC + "2J";
    private static final String CLEAR_LINE_END = ESC + "K";
    private static final String CLEAR_BELOW = ESC + "J";
    private static final String HIDE_CURSOR = ESC + "?25l";
    private static final String SHOW_CURSOR = ESC + "?25h";
    private static final long FRAME_MILLIS = 1000;
    private static final long SUMMARY_MILLIS = 5000;
    /** How often the terminal's width is asked again (it changes when the window is resized). */
    private static final int FRAMES_PER_WIDTH_CHECK = 5;

    private final PrintStream out;
    private final boolean terminal;
    private final Supplier<Dashboard.Model> model;
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(
            EdgeClient.daemon("demo-view"));
    private boolean started;
    private int frames;
    private OptionalInt width = OptionalInt.empty();
    private boolean closed;

    /**
     * @param terminal true to redraw a frame in place, false for summary lines
     */
    LiveView(final PrintStream out, final boolean terminal, final Supplier<Dashboard.Model> model) {
        this.out = out;
        this.terminal = terminal;
        this.model = model;
    }

    void start() {
        final long period = terminal ? FRAME_MILLIS : SUMMARY_MILLIS;
        ticks.scheduleAtFixedRate(this::show, 0, period, TimeUnit.MILLISECONDS);
    }

    private synchronized void show() {
        if (closed) {
            return;
        }
        try {
            draw(model.get());
        } catch (final RuntimeException e) {
            out.println("demo: the view failed: " + e);
        }
    }

    private void draw(final Dashboard.Model frame) {
        if (!terminal) {
            out.println(Dashboard.summary(frame));
            out.flush();
            return;
        }
        final StringBuilder text = new StringBuilder(8192);
        if (!started) {
            text.append(HIDE_CURSOR).append(CLEAR_SCREEN);
            started = true;
        }
        if (frames++ % FRAMES_PER_WIDTH_CHECK == 0) {
            width = TerminalWidth.detect();
        }
        text.append(HOME);
        final List<String> lines = Dashboard.frame(frame);
        for (final String line : lines) {
            // a line as wide as the terminal would wrap on some terminals: keep one column free
            final int room = width.orElse(Integer.MAX_VALUE) - 1;
            text.append(line.length() > room ? line.substring(0, Math.max(0, room)) : line)
                    .append(CLEAR_LINE_END).append('\n');
        }
        text.append(CLEAR_BELOW);
        out.print(text);
        out.flush();
    }

    /** Stops refreshing after one last frame (or summary line), and gives the cursor back. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        ticks.shutdownNow();
        draw(model.get());
        if (terminal) {
            out.print(SHOW_CURSOR);
        }
        out.flush();
        closed = true;
    }
}
