package io.pixelgate.bench.edge;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Finding and running the command-line tools the benchmark compares with (Debian packages). */
final class Tools {

    private static final List<String> SYSTEM_DIRS = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private Tools() {
    }

    /** The executable {@code name} on the PATH or in the system directories; else says how to install it. */
    static Path require(final String name, final String debianPackage) {
        return find(name).orElseThrow(() -> new IllegalStateException(name + " is not installed; install it with "
                + "'apt-get install -y " + debianPackage + "' (Debian), then run the benchmark again"));
    }

    static Optional<Path> find(final String name) {
        final String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(List.of(path.split(File.pathSeparator)).stream(), SYSTEM_DIRS.stream())
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Runs a command to its end (at most {@code timeoutSeconds}) and returns what it printed. */
    static String run(final List<String> command, final long timeoutSeconds) {
        try {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            final String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "):\n" + text);
            }
            return text;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
