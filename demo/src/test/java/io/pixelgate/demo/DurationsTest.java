package io.pixelgate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void shortFormsIsoFormsAndBareSecondsAreRead() {
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("PT2M")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("pt10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("45")).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void anythingElseIsRefusedWithTheFormsAccepted() {
        assertThatThrownBy(() -> Durations.parse("five minutes")).hasMessageContaining("90s, 5m, 1h30m or PT5M");
        assertThatThrownBy(() -> Durations.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Durations.parse("0s")).hasMessageContaining("positive");
    }

    @Test
    void aClockShowsMinutesAndSecondsAndHoursWhenThereAreAny() {
        assertThat(Durations.clock(Duration.ofSeconds(309))).isEqualTo("5:09");
        assertThat(Durations.clock(Duration.ofSeconds(3909))).isEqualTo("1:05:09");
    }
}
