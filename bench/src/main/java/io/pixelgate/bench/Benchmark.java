package io.pixelgate.bench;

import java.util.List;

/**
 * A benchmark run by {@code pixelgate bench} against a real embedded broker and registry, registered
 * in this module's {@code META-INF/services/io.pixelgate.bench.Benchmark}.
 * A benchmark measures its subject and, in the same run, its baseline, so the ratio is fair on a
 * noisy machine.
 */
public interface Benchmark {

    /** Short name, e.g. {@code send-enricher}; {@code pixelgate bench <name>} runs only this one. */
    String name();

    /** One line for {@code --help}. */
    String description();

    /**
     * Throws, saying how to install it, when something the benchmark needs outside the JVM is
     * missing. Called for every selected benchmark before any runs, so that a missing tool does not
     * end a long run after the other benchmarks' work and lose their rows.
     */
    default void checkPrerequisites() {
    }

    /** Runs and returns one row per measured case. */
    List<BenchResult> run(BenchEnvironment environment) throws Exception;
}
