package io.pixelgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.bench.aggregator.AggregatorBench;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** {@code pixelgate bench} finds the benchmarks on the class path. */
class BenchmarksRegisteredTest {

    @Test
    void benchFindsTheBenchmark() {
        assertThat(ServiceLoader.load(Benchmark.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(bench -> bench instanceof AggregatorBench)
                .singleElement()
                .satisfies(bench -> assertThat(bench.name()).isEqualTo("open-aggregator"));
    }
}
