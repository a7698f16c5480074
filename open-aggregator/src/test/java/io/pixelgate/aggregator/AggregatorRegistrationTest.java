package io.pixelgate.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.platform.app.PixelgateApplication;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The launcher finds the aggregator on the class path, as it does for dev. */
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
}
