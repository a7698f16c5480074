package io.pixelgate.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory of this process as Linux reports it. */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /** Peak resident set size (VmHWM) in bytes, or -1 where /proc is not there. */
    public static long peakRssBytes() {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (final IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
