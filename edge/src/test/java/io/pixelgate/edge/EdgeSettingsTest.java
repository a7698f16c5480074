package io.pixelgate.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixelgate.edge.net.Cidr;
import io.pixelgate.edge.net.Network;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateConfig.ConfigException;
import io.pixelgate.tokens.TokenKeys;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgeSettingsTest {

    private static final String KEYS = TokenKeys.generate("k1").toConfigString();

    @Test
    void withOnlyTheKeysEveryDefaultApplies() {
        final EdgeSettings settings = EdgeSettings.from(config(Map.of()));

        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.publicUrl()).hasToString("http://localhost:8080");
        assertThat(settings.trustedProxies()).isEmpty();
        assertThat(settings.bufferCapacity()).isEqualTo(100_000);
        assertThat(settings.wordingName()).isEqualTo("preferences-v1");
        assertThat(settings.wordingLanguages()).containsExactly("en", "fr");
        assertThat(settings.wordingDir()).isEmpty();
        assertThat(settings.networks()).contains(new Network("apple-mpp", Cidr.parse("17.0.0.0/8")))
                .extracting(Network::label).contains("google-image-proxy", "yahoo-image-proxy");
    }

    @Test
    void missingTokenKeysIsAClearError() {
        assertThatThrownBy(() -> EdgeSettings.from(PixelgateConfig.of(Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("token.keys").hasMessageContaining("PIXELGATE_TOKEN_KEYS");
    }

    @Test
    void listsAreReadAndBadEntriesNameTheirSetting() {
        final EdgeSettings settings = EdgeSettings.from(config(Map.of(
                EdgeSettings.Keys.TRUSTED_PROXIES, "10.0.0.0/8, ::1",
                EdgeSettings.Keys.NETWORKS, "none",
                EdgeSettings.Keys.PRODUCER_PREFIX + "linger.ms", "20")));

        assertThat(settings.trustedProxies()).containsExactly(Cidr.parse("10.0.0.0/8"), Cidr.parse("::1/128"));
        assertThat(settings.networks()).isEmpty();
        assertThat(settings.producerOverrides()).containsEntry("linger.ms", "20");
        assertThatThrownBy(() -> EdgeSettings.from(config(Map.of(EdgeSettings.Keys.NETWORKS, "apple-mpp:17.0.0.0/8"))))
                .hasMessageContaining("edge.networks").hasMessageContaining("label=cidr");
        assertThatThrownBy(() -> EdgeSettings.from(config(Map.of(EdgeSettings.Keys.TRUSTED_PROXIES, "proxy.local"))))
                .hasMessageContaining("edge.trusted.proxies");
        assertThatThrownBy(() -> EdgeSettings.from(config(Map.of(EdgeSettings.Keys.PORT, "70000"))))
                .hasMessageContaining("edge.port");
        assertThatThrownBy(() -> EdgeSettings.from(config(Map.of(EdgeSettings.Keys.PUBLIC_URL, "t.example.org"))))
                .hasMessageContaining("edge.public.url");
        assertThatThrownBy(() -> EdgeSettings.from(config(Map.of(EdgeSettings.Keys.WORDING, "../x"))))
                .hasMessageContaining("edge.wording");
    }

    private static PixelgateConfig config(final Map<String, String> values) {
        final Map<String, String> all = new HashMap<>(values);
        all.put(PixelgateConfig.Keys.TOKEN_KEYS, KEYS);
        return PixelgateConfig.of(all);
    }
}
