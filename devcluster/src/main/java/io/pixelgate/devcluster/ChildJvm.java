package io.pixelgate.devcluster;

import java.nio.file.Files;
import java.nio.file.Path;

/** How this JVM starts children of its own kind: the same {@code java}, the same class path. */
final class ChildJvm {

    private ChildJvm() {
    }

    static String javaExecutable() {
        final Path fromHome = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(fromHome)) {
            return fromHome.toString();
        }
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** This JVM's class path (a launcher's {@code lib/*} arrives expanded; Surefire's is its booter jar's manifest). */
    static String classPath() {
        return System.getProperty("java.class.path");
    }
}
