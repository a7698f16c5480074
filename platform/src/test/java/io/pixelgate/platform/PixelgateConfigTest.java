package io.pixelgate.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixelgate.platform.PixelgateConfig.ConfigException;
import io.pixelgate.platform.PixelgateConfig.Keys;
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
                Map.of(Keys.SCHEMA_REGISTRY_URL, "http://flag"));

        assertThat(config.string(Keys.BOOTSTRAP_SERVERS)).isEqualTo("localhost:9092");
        assertThat(config.string(Keys.TOPIC_PREFIX)).isEqualTo("file.");
        assertThat(config.integer(Keys.TOPIC_PARTITIONS, 1)).isEqualTo(12);
        assertThat(config.string(Keys.SCHEMA_REGISTRY_URL)).isEqualTo("http://flag");
        assertThat(config.asMap()).doesNotContainKey("home");
    }

    @Test
    void malformedValuesNameTheSettingAndWhatItShouldBe() {
        final PixelgateConfig config = PixelgateConfig.of(Map.of("a", "twelve", "b", "soon", "c", "maybe"));

        assertThatThrownBy(() -> config.integer("a", 1)).isInstanceOf(ConfigException.class)
                .hasMessage("setting a must be a whole number, got 'twelve'");
        assertThatThrownBy(() -> config.duration("b", Duration.ZERO)).hasMessageContaining("setting b must be an ISO-8601");
        assertThatThrownBy(() -> config.bool("c", true)).hasMessage("setting c must be true or false, got 'maybe'");
        assertThatThrownBy(() -> config.string(Keys.TOKEN_KEYS)).hasMessageContaining("PIXELGATE_TOKEN_KEYS");
    }

    @Test
    void environmentVariablesNameDottedAndDashedKeys() {
        final PixelgateConfig config = PixelgateConfig.load(null,
                Map.of("PIXELGATE_AGGREGATOR_SCORE_HALF__LIFE", "P7D", "PIXELGATE_EDGE_PUBLIC_URL", "https://t.example"),
                Map.of());

        assertThat(config.duration("aggregator.score.half-life", Duration.ZERO)).isEqualTo(Duration.ofDays(7));
        assertThat(config.string("edge.public.url")).isEqualTo("https://t.example");
        assertThat(PixelgateConfig.variableOf("aggregator.score.half-life"))
                .isEqualTo("PIXELGATE_AGGREGATOR_SCORE_HALF__LIFE");
    }

    @Test
    void durationsTakeIsoOrMilliseconds() {
        final PixelgateConfig config = PixelgateConfig.of(Map.of("iso", "P3D", "ms", "1500"));

        assertThat(config.duration("iso", Duration.ZERO)).isEqualTo(Duration.ofDays(3));
        assertThat(config.duration("ms", Duration.ZERO)).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void itRemembersWhichSettingsWereRead() {
        final PixelgateConfig config = PixelgateConfig.of(Map.of("streams.num.stream.threads", "2", "unused", "x"));

        config.string(Keys.BOOTSTRAP_SERVERS);
        config.withPrefix(Keys.STREAMS_PREFIX);

        assertThat(config.askedKeys()).contains(Keys.BOOTSTRAP_SERVERS, "streams.num.stream.threads")
                .doesNotContain("unused");
    }
}
