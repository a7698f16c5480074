package io.pixelgate.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.app.PixelgateApplication;
import io.pixelgate.schemas.registry.InMemorySchemaRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class EdgeApplicationTest {

    @Test
    void theLauncherFindsTheEdgeFourth() {
        final PixelgateApplication edge = ServiceLoader.load(PixelgateApplication.class).stream()
                .map(ServiceLoader.Provider::get).filter(app -> app.name().equals("edge")).findFirst().orElseThrow();

        assertThat(edge).isInstanceOf(EdgeApplication.class);
        assertThat(edge.startOrder()).isEqualTo(40);
    }

    @Test
    void startingWithoutTokenKeysNamesTheSetting() {
        final PixelgateRuntime runtime = PixelgateRuntime.with(PixelgateConfig.of(Map.of()), new InMemorySchemaRegistry());

        assertThatThrownBy(() -> new EdgeApplication().start(runtime, Duration.ofSeconds(5)))
                .hasMessageContaining("token.keys");
    }

    @Test
    void theReadyLineShowsWhereAPersonReachesTheEdge() {
        assertThat(EdgeApplication.displayHost("0.0.0.0")).isEqualTo("localhost");
        assertThat(EdgeApplication.displayHost("localhost")).isEqualTo("localhost");
        assertThat(EdgeApplication.displayHost("::1")).isEqualTo("[::1]");
        assertThat(EdgeApplication.displayHost("192.0.2.10")).isEqualTo("192.0.2.10");
    }
}
