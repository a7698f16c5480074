package io.pixelgate.soak;

import io.pixelgate.devcluster.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One application instance of the soak, a child JVM running {@code pixelgate <application>} as
 * production would (its own state directory, operations port and log file), so that it can be
 * killed with SIGKILL, stopped with SIGTERM and started again on the same state.
 */
final class Instance {

    /** Small heaps and the C1 compiler only: a dozen JVMs share two cores. */
    private static final List<String> JVM_OPTIONS = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");
    private static final Duration STOP_GRACE = Duration.ofSeconds(45);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final String application;
    private final Map<String, String> settings;
    private final int opsPort;
    private final Path logFile;
    /** The current process; replaced by each start. */
    private volatile Process process;

    Instance(final String name, final String application, final Map<String, String> settings, final int opsPort,
             final Path logDir) {
        this.name = name;
        this.application = application;
        this.settings = Map.copyOf(settings);
        this.opsPort = opsPort;
        this.logFile = logDir.resolve(name + ".log");
    }

    String name() {
        return name;
    }

    String application() {
        return application;
    }

    Path logFile() {
        return logFile;
    }

    void start() {
        final List<String> command = new ArrayList<>(List.of(ChildJvm.javaExecutable()));
        command.addAll(JVM_OPTIONS);
        // the pixelgate command of this class path, by name: the launcher depends on this module, not back
        command.addAll(List.of("-cp", ChildJvm.classPath(), "io.pixelgate.launcher.Main", application));
        settings.forEach((key, value) -> command.addAll(List.of("-s", key + "=" + value)));
        command.addAll(List.of("-s", "ops.port=" + opsPort));
        try {
            Files.createDirectories(logFile.getParent());
            final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            // only the -s settings: a PIXELGATE_* variable of the soak's own shell must not reach it
            builder.environment().keySet().removeIf(variable -> variable.startsWith("PIXELGATE_"));
            process = builder.start();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (log " + logFile + ")", e);
        }
    }

    boolean alive() {
        final Process current = process;
        return current != null && current.isAlive();
    }

    /** SIGKILL: no shutdown hook, no commit, no leaving the group. */
    void kill() {
        final Process current = process;
        if (current != null) {
            current.destroyForcibly();
            ChildJvm.waitFor(current, STOP_GRACE);
        }
    }

    /** SIGTERM, as an orchestrator stops a container: the application closes cleanly. */
    void stop() {
        final Process current = process;
        if (current != null && current.isAlive()) {
            current.destroy();
            if (!ChildJvm.waitFor(current, STOP_GRACE)) {
                current.destroyForcibly();
                ChildJvm.waitFor(current, STOP_GRACE);
            }
        }
    }

    /** Whether its operations endpoint answers {@code /health/ready} with 200. */
    boolean ready() {
        if (!alive()) {
            return false;
        }
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + opsPort + "/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (final IOException notYet) {
            return false;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until ready; fails naming the log when the process exits or the time runs out. */
    void awaitReady(final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready()) {
            if (!alive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see " + logFile);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + logFile);
            }
            Soak.sleep(Duration.ofMillis(250));
        }
    }
}
