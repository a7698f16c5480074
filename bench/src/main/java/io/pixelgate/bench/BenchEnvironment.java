package io.pixelgate.bench;

import io.pixelgate.platform.PixelgateRuntime;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a benchmark gets from {@code pixelgate bench}: a running broker and registry, fresh
 * runtimes with topics of their own, a scratch directory and a way to report progress.
 */
public interface BenchEnvironment {

    String bootstrapServers();

    String registryUrl();

    /** A runtime with a fresh topic prefix, its topics created and schemas registered. */
    PixelgateRuntime newRuntime(Map<String, String> overrides);

    /** A fresh scratch directory. */
    Path newDirectory(String name);

    /** Reports progress: {@code done} of {@code total} units for {@code what}. */
    void progress(String what, long done, long total);

    /** Options from the command line ({@code --option key=value}), e.g. record counts. */
    Map<String, String> options();

    /** Peak resident memory of this process so far, in bytes, or -1 where unknown. */
    long peakRssBytes();
}
