package io.pixelgate.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateConfig.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpsSettingsTest {

    @Test
    void defaultsToEveryInterfaceOnThePrometheusExporterPort() {
        final OpsSettings settings = OpsSettings.from(PixelgateConfig.of(Map.of()));

        assertThat(settings).isEqualTo(new OpsSettings("0.0.0.0", 9464));
    }

    @Test
    void readsTheEnvironmentVariableAndZeroMeansAnyFreePort() {
        final PixelgateConfig config = PixelgateConfig.load(null, Map.of("PIXELGATE_OPS_PORT", "0",
                "PIXELGATE_OPS_HOST", "127.0.0.1"), Map.of());

        assertThat(OpsSettings.from(config)).isEqualTo(new OpsSettings("127.0.0.1", 0));
    }

    @Test
    void aPortOutOfRangeOrNotANumberNamesTheSetting() {
        assertThatThrownBy(() -> OpsSettings.from(PixelgateConfig.of(Map.of("ops.port", "70000"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ops.port").hasMessageContaining("70000");
        assertThatThrownBy(() -> OpsSettings.from(PixelgateConfig.of(Map.of("ops.port", "nine"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ops.port").hasMessageContaining("whole number");
    }
}
