package io.pixelgate.devcluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** How this JVM starts children of its own kind (the same {@code java}, the same class path) and waits for them. */
public final class ChildJvm {

    private ChildJvm() {
    }

    public static String javaExecutable() {
        final Path fromHome = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(fromHome)) {
            return fromHome.toString();
        }
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** This JVM's class path (a launcher's {@code lib/*} arrives expanded; Surefire's is its booter jar's manifest). */
    public static String classPath() {
        return System.getProperty("java.class.path");
    }

    /** Waits up to {@code timeout} for {@code process} to exit; true when it did. */
    public static boolean waitFor(final Process process, final Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
