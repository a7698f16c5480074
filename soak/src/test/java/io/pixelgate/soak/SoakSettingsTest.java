package io.pixelgate.soak;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SoakSettingsTest {

    private static final Path DIR = Path.of("soak");

    @Test
    void aRunTooShortForItsFaultsOrANonsenseRateIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> new SoakSettings(Duration.ofSeconds(30), 10, 300, 12, DIR, 1))
                .hasMessageContaining("--duration").hasMessageContaining("PT30S");
        assertThatThrownBy(() -> new SoakSettings(Duration.ofMinutes(2), 0, 300, 12, DIR, 1))
                .hasMessageContaining("--send-rate");
        assertThatThrownBy(() -> new SoakSettings(Duration.ofMinutes(2), 10, 2, 12, DIR, 1))
                .hasMessageContaining("--profiles");
        assertThatThrownBy(() -> new SoakSettings(Duration.ofMinutes(2), 10, 300, -1, DIR, 1))
                .hasMessageContaining("--withdrawals");
    }
}
