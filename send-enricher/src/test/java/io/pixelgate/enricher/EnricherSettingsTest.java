package io.pixelgate.enricher;

import io.pixelgate.platform.CommonSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateConfig.ConfigException;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.schemas.registry.InMemorySchemaRegistry;
import io.pixelgate.tokens.TokenKeys;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnricherSettingsTest {

    private static final String KEYS = TokenKeys.generate("k1").toConfigString();

    @Test
    void missingTokenKeysNameTheSettingAndItsVariable() {
        assertThatThrownBy(() -> settings(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("token.keys").hasMessageContaining("PIXELGATE_TOKEN_KEYS");
    }

    @Test
    void malformedTokenKeysNameTheSettingWithoutShowingAKey() {
        assertThatThrownBy(() -> settings(Map.of(CommonSettings.TOKEN_KEYS.key(), "k1:c2VjcmV0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("token.keys").hasMessageNotContaining("c2VjcmV0");
    }

    @Test
    void edgeUrlMustBeWhereMailClientsCanGo() {
        assertThatThrownBy(() -> settings(Map.of(CommonSettings.TOKEN_KEYS.key(), KEYS, CommonSettings.EDGE_PUBLIC_URL.key(), "localhost:8080")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("edge.public.url");
    }

    @Test
    void defaultsAreTheLocalEdgeAWeekOfConsentHistoryAndNoGrace() {
        final EnricherSettings settings = settings(Map.of(CommonSettings.TOKEN_KEYS.key(), KEYS));

        assertThat(settings.edgePublicUrl()).isEqualTo("http://localhost:8080");
        assertThat(settings.consentHistoryRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.joinGrace()).isZero();
        assertThat(settings.tokenKeys().activeKeyId()).isEqualTo("k1");
    }

    private static EnricherSettings settings(final Map<String, String> values) {
        final Map<String, String> all = new HashMap<>(values);
        return EnricherSettings.from(PixelgateConfig.of(all));
    }
}
