package io.pixelgate.demo;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The width of the terminal, so that the live view cuts its lines rather than let them wrap (a
 * wrapped line scrolls the frame instead of redrawing it). Asks {@code stty} about the controlling
 * terminal; empty where there is none or no {@code stty}.
 */
final class TerminalWidth {

    private static final File TTY = new File("/dev/tty");

    private TerminalWidth() {
    }

    static OptionalInt detect() {
        if (!TTY.exists()) {
            return OptionalInt.empty();
        }
        try {
            final Process stty = new ProcessBuilder("stty", "size").redirectInput(TTY)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            final String answer = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!stty.waitFor(2, TimeUnit.SECONDS) || stty.exitValue() != 0) {
                return OptionalInt.empty();
            }
            final String[] rowsAndColumns = answer.split("\\s+");
            return rowsAndColumns.length == 2 ? OptionalInt.of(Integer.parseInt(rowsAndColumns[1]))
                    : OptionalInt.empty();
        } catch (final IOException | NumberFormatException e) {
            return OptionalInt.empty();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }
}
