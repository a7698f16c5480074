package io.pixelgate.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.aggregator.bench.AggregatorBench;
import io.pixelgate.platform.app.PixelgateApplication;
import io.pixelgate.platform.bench.Benchmark;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The launcher finds the aggregator and its benchmark on the class path, as it does for dev and bench. */
class AggregatorRegistrationTest {

    @Test
    void launcherFindsTheApplicationAfterSendEnricherAndBeforeTheEdge() {
        assertThat(ServiceLoader.load(PixelgateApplication.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(app -> app instanceof OpenAggregatorApplication)
                .singleElement()
                .satisfies(app -> {
                    assertThat(app.name()).isEqualTo("open-aggregator");
                    assertThat(app.startOrder()).isEqualTo(30);
                });
    }

    @Test
    void benchFindsTheBenchmark() {
        assertThat(ServiceLoader.load(Benchmark.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(bench -> bench instanceof AggregatorBench)
                .singleElement()
                .satisfies(bench -> assertThat(bench.name()).isEqualTo("open-aggregator"));
    }
}
