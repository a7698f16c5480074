package io.pixelgate.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixelgate.platform.PixelgateConfig.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PixelgateConfigTest {

    @Test
    void laterSourcesWinDefaultsThenFileThenEnvironmentThenFlags(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("pixelgate.properties");
        Files.writeString(file, "topic.prefix=file.\ntopic.partitions=6\nschema.registry.url=http://file\n");

        final PixelgateConfig config = PixelgateConfig.load(file,
                Map.of("PIXELGATE_TOPIC_PARTITIONS", "12", "PIXELGATE_SCHEMA_REGISTRY_URL", "http://env", "HOME", "/x"),
                Map.of(CommonSettings.SCHEMA_REGISTRY_URL.key(), "http://flag"));

        assertThat(CommonSettings.BOOTSTRAP_SERVERS.from(config)).isEqualTo("localhost:9092");
        assertThat(CommonSettings.TOPIC_PREFIX.from(config)).isEqualTo("file.");
        assertThat(CommonSettings.TOPIC_PARTITIONS.from(config)).isEqualTo(12);
        assertThat(CommonSettings.SCHEMA_REGISTRY_URL.from(config)).isEqualTo("http://flag");
        assertThat(config.asMap()).doesNotContainKey("home");
    }

    @Test
    void malformedValuesNameTheSettingAndWhatItShouldBe() {
        final PixelgateConfig config = PixelgateConfig.of(Map.of("a", "twelve", "b", "soon", "c", "maybe"));

        assertThatThrownBy(() -> Setting.integer("a", 1, "a").from(config)).isInstanceOf(ConfigException.class)
                .hasMessage("setting a must be a whole number, got 'twelve'");
        assertThatThrownBy(() -> Setting.duration("b", Duration.ZERO, "b").from(config))
                .hasMessageContaining("setting b must be an ISO-8601");
        assertThatThrownBy(() -> Setting.bool("c", true, "c").from(config))
                .hasMessage("setting c must be true or false, got 'maybe'");
        assertThatThrownBy(() -> CommonSettings.TOKEN_KEYS.from(config)).hasMessageContaining("PIXELGATE_TOKEN_KEYS");
    }

    @Test
    void environmentVariablesNameDottedAndDashedKeys() {
        final PixelgateConfig config = PixelgateConfig.load(null,
                Map.of("PIXELGATE_AGGREGATOR_SCORE_HALF__LIFE", "P7D", "PIXELGATE_EDGE_PUBLIC_URL", "https://t.example"),
                Map.of());

        assertThat(Setting.duration("aggregator.score.half-life", Duration.ZERO, "").from(config))
                .isEqualTo(Duration.ofDays(7));
        assertThat(config.string("edge.public.url", null)).isEqualTo("https://t.example");
        assertThat(PixelgateConfig.variableOf("aggregator.score.half-life"))
                .isEqualTo("PIXELGATE_AGGREGATOR_SCORE_HALF__LIFE");
    }

    @Test
    void durationsTakeIsoOrMilliseconds() {
        final PixelgateConfig config = PixelgateConfig.of(Map.of("iso", "P3D", "ms", "1500"));

        assertThat(Setting.duration("iso", Duration.ZERO, "").from(config)).isEqualTo(Duration.ofDays(3));
        assertThat(Setting.duration("ms", Duration.ZERO, "").from(config)).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void aSecretSettingNeverAppearsInItsMessageAndRulesAddUp() {
        final PixelgateConfig config = PixelgateConfig.of(Map.of(CommonSettings.TOKEN_KEYS.key(), "k1:not-a-key",
                "n", "70000"));

        assertThatThrownBy(() -> CommonSettings.TOKEN_KEYS.from(config)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("setting token.keys must be a key ring").hasMessageNotContaining("not-a-key");
        assertThatThrownBy(() -> Setting.integer("n", 1, "").between(0, 65_535).from(config))
                .hasMessage("setting n must be between 0 and 65535, got '70000'");
        assertThat(Setting.integer("n", 1, "").between(0, 65_535).defaultValue()).isEqualTo(1);
    }

    @Test
    void itRemembersWhichSettingsWereRead() {
        final PixelgateConfig config = PixelgateConfig.of(Map.of("streams.num.stream.threads", "2", "unused", "x"));

        CommonSettings.BOOTSTRAP_SERVERS.from(config);
        config.withPrefix(CommonSettings.STREAMS_PREFIX);

        assertThat(config.askedKeys()).contains(CommonSettings.BOOTSTRAP_SERVERS.key(), "streams.num.stream.threads")
                .doesNotContain("unused");
    }
}
