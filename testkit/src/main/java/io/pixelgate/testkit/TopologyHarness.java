package io.pixelgate.testkit;

import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.app.StreamsApplication;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.Topics;
import io.pixelgate.schemas.registry.InMemorySchemaRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One application's topology in a {@link TopologyTestDriver}, set up as the application sets it up
 * (its settings read from the configuration, its Streams configuration, its topology), on an
 * in-memory schema registry and a state directory of its own, removed on close.
 */
public final class TopologyHarness implements AutoCloseable {

    private final PixelgateRuntime runtime;
    private final TopologyTestDriver driver;
    private final Path stateDir;

    private TopologyHarness(final PixelgateRuntime runtime, final TopologyTestDriver driver, final Path stateDir) {
        this.runtime = runtime;
        this.driver = driver;
        this.stateDir = stateDir;
    }

    /** {@code app} with {@code settings} over the defaults, its wall clock starting now. */
    public static <S> TopologyHarness start(final StreamsApplication<S> app, final Map<String, String> settings) {
        return start(app, settings, Instant.now());
    }

    /** {@code app} with {@code settings} over the defaults, its wall clock starting at {@code wallClock}. */
    public static <S> TopologyHarness start(final StreamsApplication<S> app, final Map<String, String> settings,
                                            final Instant wallClock) {
        return start(app, settings, wallClock, UnaryOperator.identity());
    }

    /**
     * As above, {@code learned} standing for what the application learns from the cluster before it
     * starts (its {@code prepare}), which a driver has none of: the driver's topics have one
     * partition each, and every record is read from partition 0.
     */
    public static <S> TopologyHarness start(final StreamsApplication<S> app, final Map<String, String> settings,
                                            final Instant wallClock, final UnaryOperator<S> learned) {
        final Path stateDir = tempDir(app.name());
        final Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent(CommonSettings.STATE_DIR.key(), stateDir.toString());
        final PixelgateRuntime runtime = PixelgateRuntime.with(PixelgateConfig.of(all), new InMemorySchemaRegistry());
        final S read = learned.apply(app.readSettings(runtime.config()));
        return new TopologyHarness(runtime, new TopologyTestDriver(app.topology(runtime, read),
                app.streamsConfig(runtime), wallClock), stateDir);
    }

    public PixelgateRuntime runtime() {
        return runtime;
    }

    public Topics topics() {
        return runtime.topics();
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    /** An input that takes raw values: JSON, framed Avro or garbage, as a producer might send. */
    public TestInputTopic<String, byte[]> rawInput(final Topic<?> topic) {
        return DriverTopics.rawInput(driver, topic);
    }

    /** An input that takes values framed as Avro by the topic's serde. */
    public <V extends SpecificRecord> TestInputTopic<String, V> input(final Topic<V> topic) {
        return DriverTopics.input(driver, topic);
    }

    /** An output read with the topic's serde. */
    public <V extends SpecificRecord> TestOutputTopic<String, V> output(final Topic<V> topic) {
        return DriverTopics.output(driver, topic);
    }

    public <K, V> KeyValueStore<K, V> store(final String name) {
        return driver.getKeyValueStore(name);
    }

    @Override
    public void close() {
        driver.close();
        try (Stream<Path> paths = Files.walk(stateDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot remove " + stateDir, e);
        }
    }

    private static Path tempDir(final String name) {
        try {
            return Files.createTempDirectory("pixelgate-" + name + "-");
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
