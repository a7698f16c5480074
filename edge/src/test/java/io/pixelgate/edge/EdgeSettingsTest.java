package io.pixelgate.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixelgate.edge.http.HttpLimits;
import io.pixelgate.edge.kafka.Lane;
import io.pixelgate.edge.kafka.LaneLimits;
import io.pixelgate.edge.net.Cidr;
import io.pixelgate.edge.net.Network;
import io.pixelgate.edge.prefs.FormRules;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateConfig.ConfigException;
import io.pixelgate.tokens.TokenKeys;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
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
        assertThat(settings.wordingName()).isEqualTo("preferences-v2");
        assertThat(settings.wordingLanguages()).containsExactly("en", "fr");
        assertThat(settings.wordingDir()).isEmpty();
        assertThat(settings.networks()).contains(new Network("apple-mpp", Cidr.parse("17.0.0.0/8")))
                .extracting(Network::label).contains("google-image-proxy", "yahoo-image-proxy");
    }

    @Test
    void limitsHaveDefaults() {
        final EdgeSettings settings = EdgeSettings.from(config(Map.of()));

        assertThat(settings.lanes().get(Lane.HITS)).isEqualTo(new LaneLimits(100_000, 32L * 1024 * 1024,
                "edge.buffer.capacity", "edge.buffer.bytes"));
        assertThat(settings.lanes().get(Lane.CONSENT)).isEqualTo(new LaneLimits(10_000, 8L * 1024 * 1024,
                "edge.buffer.consent.capacity", "edge.buffer.consent.bytes"));
        assertThat(settings.http()).isEqualTo(new HttpLimits(Duration.ofSeconds(10), 10_000, 4352, 8192));
        assertThat(settings.forms()).isEqualTo(new FormRules(Duration.ofHours(1), 5, Duration.ofMinutes(1),
                Duration.ofSeconds(10), 100_000));
    }

    @Test
    void badLimitsNameTheirSetting() {
        for (final Map.Entry<String, String> bad : List.of(Map.entry("edge.buffer.capacity", "0"),
                Map.entry("edge.buffer.bytes", "12"), Map.entry("edge.buffer.bytes", "lots"),
                Map.entry("edge.buffer.consent.capacity", "-1"), Map.entry("edge.buffer.consent.bytes", "1k"),
                Map.entry("edge.http.header.timeout", "PT0S"), Map.entry("edge.http.header.timeout", "soon"),
                Map.entry("edge.http.max.connections", "0"), Map.entry("edge.http.max.request.line", "100"),
                Map.entry("edge.http.max.header.size", "10"), Map.entry("edge.preferences.form.max.age", "-PT1H"),
                Map.entry("edge.preferences.rate.limit", "0"), Map.entry("edge.preferences.rate.window", "0"),
                Map.entry("edge.preferences.withdrawal.window", "x"),
                Map.entry("edge.preferences.remembered.profiles", "0"))) {
            assertThatThrownBy(() -> EdgeSettings.from(config(Map.of(bad.getKey(), bad.getValue()))))
                    .as(bad.toString()).isInstanceOf(ConfigException.class).hasMessageContaining(bad.getKey());
        }
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
                EdgeSettings.TRUSTED_PROXIES.key(), "10.0.0.0/8, ::1",
                EdgeSettings.NETWORKS.key(), "none",
                EdgeSettings.PRODUCER_PREFIX + "linger.ms", "20")));

        assertThat(settings.trustedProxies()).containsExactly(Cidr.parse("10.0.0.0/8"), Cidr.parse("::1/128"));
        assertThat(settings.networks()).isEmpty();
        assertThat(settings.producerOverrides()).containsEntry("linger.ms", "20");
        assertThatThrownBy(() -> EdgeSettings.from(config(Map.of(EdgeSettings.NETWORKS.key(), "apple-mpp:17.0.0.0/8"))))
                .hasMessageContaining("edge.networks").hasMessageContaining("label=cidr");
        assertThatThrownBy(() -> EdgeSettings.from(config(Map.of(EdgeSettings.TRUSTED_PROXIES.key(), "proxy.local"))))
                .hasMessageContaining("edge.trusted.proxies");
        assertThatThrownBy(() -> EdgeSettings.from(config(Map.of(EdgeSettings.PORT.key(), "70000"))))
                .hasMessageContaining("edge.port");
        assertThatThrownBy(() -> EdgeSettings.from(config(Map.of(CommonSettings.EDGE_PUBLIC_URL.key(), "t.example.org"))))
                .hasMessageContaining("edge.public.url");
        assertThatThrownBy(() -> EdgeSettings.from(config(Map.of(EdgeSettings.WORDING.key(), "../x"))))
                .hasMessageContaining("edge.wording");
    }

    private static PixelgateConfig config(final Map<String, String> values) {
        final Map<String, String> all = new HashMap<>(values);
        all.put(CommonSettings.TOKEN_KEYS.key(), KEYS);
        return PixelgateConfig.of(all);
    }
}
