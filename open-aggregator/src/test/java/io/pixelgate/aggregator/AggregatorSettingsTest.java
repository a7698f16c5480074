package io.pixelgate.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.tokens.TokenKeys;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The privacy limits' settings: their defaults, and a bad value refused naming the setting and its rule. */
class AggregatorSettingsTest {

    private static AggregatorSettings read(final Map<String, String> values) {
        final Map<String, String> all = new HashMap<>(values);
        all.put(CommonSettings.TOKEN_KEYS.key(), TokenKeys.generate("k1").toConfigString());
        return AggregatorSettings.from(PixelgateConfig.of(all));
    }

    @Test
    void defaultsKeepEngagementAYearLastOpenThreeYearsAndPublishFromTenSends() {
        final AggregatorSettings settings = read(Map.of());

        assertThat(settings.retention().engagement()).isEqualTo(Duration.ofDays(365));
        assertThat(settings.retention().lastOpen()).isEqualTo(Duration.ofDays(3 * 365));
        assertThat(settings.retention().check()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.minRecipients()).isEqualTo(10);
        assertThat(settings.anonymousSourceWindow()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void aNegativeThresholdIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> read(Map.of(AggregatorSettings.MIN_RECIPIENTS.key(), "-1")))
                .hasMessageContaining("aggregator.campaign.min.recipients")
                .hasMessageContaining("between 0 and 1000000");
    }

    @Test
    void aZeroRetentionPeriodIsRefusedNamingTheSetting() {
        for (final String key : new String[] {AggregatorSettings.RETENTION_ENGAGEMENT.key(),
            AggregatorSettings.RETENTION_LAST_OPEN.key(), AggregatorSettings.RETENTION_CHECK.key(),
            AggregatorSettings.ANONYMOUS_SOURCE_WINDOW.key()}) {
            assertThatThrownBy(() -> read(Map.of(key, "P0D"))).as(key)
                    .hasMessageContaining(key).hasMessageContaining("must be a positive duration");
        }
    }
}
