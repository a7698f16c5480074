package io.pixelgate.edge;

import io.pixelgate.platform.CommonSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.app.PixelgateApplication;
import io.pixelgate.schemas.registry.InMemorySchemaRegistry;
import io.pixelgate.testkit.TestCluster;
import io.pixelgate.tokens.TokenKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    void startedByTheLauncherItServesWhereItsEndpointSays() throws Exception {
        final PixelgateRuntime runtime = TestCluster.shared().newRuntime(Map.of(
                CommonSettings.TOKEN_KEYS.key(), TokenKeys.generate("k1").toConfigString(),
                EdgeSettings.PORT.key(), "0"));

        try (PixelgateApplication.Running edge = new EdgeApplication().start(runtime, Duration.ofSeconds(30))) {
            assertThat(edge.endpoint()).matches("edge=http://localhost:\\d+");
            final HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(edge.endpoint().substring("edge=".length()) + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theReadyLineShowsWhereAPersonReachesTheEdge() {
        assertThat(EdgeApplication.displayHost("0.0.0.0")).isEqualTo("localhost");
        assertThat(EdgeApplication.displayHost("localhost")).isEqualTo("localhost");
        assertThat(EdgeApplication.displayHost("::1")).isEqualTo("[::1]");
        assertThat(EdgeApplication.displayHost("192.0.2.10")).isEqualTo("192.0.2.10");
    }
}
