package io.pixelgate.devcluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Apicurio Registry built by the {@code registry} module, run as a child JVM so that dev runs
 * and tests talk to a real Confluent-API schema registry ({@link #baseUrl()}) without Docker.
 *
 * <p>The child uses the same {@code java} as this JVM, listens on loopback only, keeps its schemas
 * in memory (H2 {@code mem:}), and writes its output to {@code registry-PORT.log} in the given
 * directory. {@link #close()} stops it, and a shutdown hook does the same if this JVM exits first.
 * Nothing can stop it if this JVM is killed with SIGKILL.
 *
 * <p>The jar is {@code registry/target/quarkus-app/quarkus-run.jar}, found from an explicit path,
 * else the system property {@value #JAR_PROPERTY}, else by searching upward from {@code user.dir}.
 */
public final class RegistryProcess implements AutoCloseable {

    /** System property naming the registry's {@code quarkus-run.jar}. */
    public static final String JAR_PROPERTY = "pixelgate.registry.jar";

    static final Path JAR_IN_TREE = Path.of("registry", "target", "quarkus-app", "quarkus-run.jar");

    private static final Logger LOG = LoggerFactory.getLogger(RegistryProcess.class);
    private static final String API_PATH = "/apis/ccompat/v7";
    // Starts in ~4 s on an idle 2-core machine; a loaded CI box next to a broker and tests is slower.
    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final int LOG_TAIL_LINES = 30;
    // A port picked free can be taken by someone else before the child binds it.
    private static final int FREE_PORT_ATTEMPTS = 3;
    // What Quarkus 2.16 prints when its HTTP port is taken.
    private static final String PORT_TAKEN = "seems to be in use by another process";
    // Measured: ~160 MB RSS and the fastest start with these; the registry holds a few schemas.
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");

    private final Process process;
    private final int port;
    private final Path logFile;
    private final Thread shutdownHook;

    private RegistryProcess(final Process process, final int port, final Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.shutdownHook = new Thread(() -> stop(process), "registry-process-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts the registry and waits until it answers on its Confluent API.
     *
     * @param jar    the registry's {@code quarkus-run.jar}, or {@code null} to locate it
     * @param port   the HTTP port, or 0 to pick a free one
     * @param logDir where the child's stdout and stderr go; created if missing
     * @throws IllegalStateException if the jar is not found, or the registry does not come up
     */
    public static RegistryProcess start(final Path jar, final int port, final Path logDir) throws IOException {
        return start(jar, port, logDir, DEFAULT_START_TIMEOUT);
    }

    /** As {@link #start(Path, int, Path)}, waiting at most {@code timeout} for the registry to answer. */
    public static RegistryProcess start(final Path jar, final int port, final Path logDir, final Duration timeout)
            throws IOException {
        return start(jar, port, logDir, timeout, null);
    }

    /**
     * As {@link #start(Path, int, Path, Duration)}, keeping the schemas in an H2 database file under
     * {@code storageDir} (null keeps them in memory). A dev run keeps its Kafka data across restarts,
     * so it keeps its schema ids too: the values already in its topics name them.
     */
    public static RegistryProcess start(final Path jar, final int port, final Path logDir, final Duration timeout,
                                        final Path storageDir) throws IOException {
        final String jdbcUrl = storageDir == null ? "jdbc:h2:mem:registry_db"
                : "jdbc:h2:file:" + Files.createDirectories(storageDir).toAbsolutePath().resolve("registry_db");
        final Path located = locateJar(jar);
        Files.createDirectories(logDir);
        final int attempts = port == 0 ? FREE_PORT_ATTEMPTS : 1;
        for (int attempt = 1; ; attempt++) {
            final int chosen = port == 0 ? EmbeddedKafka.freePort() : port;
            final RegistryProcess registry = launch(located, chosen, logDir, jdbcUrl);
            final Optional<String> failure = registry.awaitReadyOrStop(timeout, located);
            if (failure.isEmpty()) {
                LOG.info("Schema registry up at {} (log {})", registry.baseUrl(), registry.logFile);
                return registry;
            }
            if (attempt >= attempts || !failure.get().contains(PORT_TAKEN)) {
                throw new IllegalStateException(failure.get());
            }
            LOG.warn("Port {} was taken before the registry bound it; trying another", chosen);
        }
    }

    /** The Confluent Schema Registry API base URL, e.g. {@code http://localhost:8081/apis/ccompat/v7}. */
    public String baseUrl() {
        return "http://localhost:" + port + API_PATH;
    }

    public int port() {
        return port;
    }

    /** The file that receives the child's stdout and stderr. */
    public Path logFile() {
        return logFile;
    }

    /** Stops the registry: a graceful stop first, then a forced one. Safe to call twice. */
    @Override
    public void close() {
        removeShutdownHook();
        stop(process);
    }

    @Override
    public String toString() {
        return "RegistryProcess[" + baseUrl() + ", pid " + process.pid() + "]";
    }

    static Path locateJar(final Path explicit) {
        if (explicit != null) {
            return requireFile(explicit, "the path given");
        }
        final String property = System.getProperty(JAR_PROPERTY);
        if (property != null && !property.isBlank()) {
            return requireFile(Path.of(property), "system property " + JAR_PROPERTY);
        }
        final Path from = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        return searchUpward(from).orElseThrow(() -> new IllegalStateException(
                "Schema registry jar not found: no " + JAR_IN_TREE + " in " + from + " or any parent. "
                        + "Build it with `./mvnw -pl registry package`, or set -D" + JAR_PROPERTY + "=<path>"));
    }

    private static Optional<Path> searchUpward(final Path from) {
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolve(JAR_IN_TREE);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Path requireFile(final Path jar, final String source) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Schema registry jar not found at " + jar.toAbsolutePath()
                    + " (from " + source + "). Build it with `./mvnw -pl registry package`");
        }
        return jar.toAbsolutePath();
    }

    private static RegistryProcess launch(final Path jar, final int port, final Path logDir, final String jdbcUrl) throws IOException {
        final Path logFile = logDir.resolve("registry-" + port + ".log").toAbsolutePath();
        final ProcessBuilder builder = new ProcessBuilder(command(jar, port, jdbcUrl))
                .directory(logDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
        return new RegistryProcess(builder.start(), port, logFile);
    }

    private static List<String> command(final Path jar, final int port, final String jdbcUrl) {
        final List<String> head = List.of(ChildJvm.javaExecutable());
        final List<String> config = List.of(
                "-Dquarkus.http.port=" + port,
                // Loopback only: this registry is for this machine's dev runs and tests.
                "-Dquarkus.http.host=127.0.0.1",
                // Always stated, so an inherited REGISTRY_DATASOURCE_URL cannot point the child at a
                // real database.
                "-Dquarkus.datasource.jdbc.url=" + jdbcUrl,
                "-Dquarkus.banner.enabled=false",
                "-Dquarkus.log.level=WARN",
                // The app sets io.apicurio to INFO explicitly, above the root level.
                "-Dquarkus.log.category.\"io.apicurio\".level=WARN",
                // Sentry is disabled but still warns about its missing DSN on the first request.
                "-Dquarkus.log.category.\"io.sentry\".level=ERROR",
                "-jar", jar.toString());
        return concat(head, JVM_OPTIONS, config);
    }

    @SafeVarargs
    private static List<String> concat(final List<String>... parts) {
        return Arrays.stream(parts).flatMap(List::stream).toList();
    }

    /** Waits for the API to answer; if it does not, stops the child and returns why. */
    private Optional<String> awaitReadyOrStop(final Duration timeout, final Path jar) {
        try {
            final Optional<String> failure = awaitReady(timeout, jar);
            if (failure.isPresent()) {
                close();
            }
            return failure;
        } catch (final RuntimeException interrupted) {
            close();
            throw interrupted;
        }
    }

    private Optional<String> awaitReady(final Duration timeout, final Path jar) {
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        final HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl() + "/subjects"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return Optional.of(failure("exited with code " + process.exitValue(), jar));
            }
            if (answers(http, probe)) {
                return Optional.empty();
            }
            sleep(POLL_INTERVAL);
        }
        return Optional.of(failure("did not answer within " + timeout.toMillis() + " ms", jar));
    }

    private static boolean answers(final HttpClient http, final HttpRequest probe) {
        try {
            return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (final IOException notListeningYet) {
            return false;
        } catch (final InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the schema registry", interrupted);
        }
    }

    private static void sleep(final Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (final InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the schema registry", interrupted);
        }
    }

    private String failure(final String what, final Path jar) {
        final List<String> tail = logTail();
        return "Schema registry on port " + port + " " + what + " (jar " + jar + ", log " + logFile + ")."
                + (tail.isEmpty() ? " It printed nothing." : " Last lines of its output:\n" + String.join("\n", tail));
    }

    private List<String> logTail() {
        try {
            final List<String> lines = new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).lines().toList();
            return lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
        } catch (final IOException e) {
            return List.of("(could not read " + logFile + ": " + e + ")");
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (final IllegalStateException shutdownAlreadyRunning) {
            // The hook is running or about to: it stops the child itself.
        }
    }

    private static void stop(final Process process) {
        if (!process.isAlive()) {
            return;
        }
        // SIGTERM lets Quarkus shut down cleanly; SIGKILL only if it hangs.
        process.destroy();
        if (!ChildJvm.waitFor(process, STOP_GRACE)) {
            process.destroyForcibly();
            ChildJvm.waitFor(process, STOP_GRACE);
        }
    }
}
