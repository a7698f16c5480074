package io.pixelgate.platform.app;

import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.StreamsApp;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.Topology;

/**
 * A Pixelgate Kafka Streams application, declared: its name, its Streams application id and
 * defaults, the topics it reads and writes (from which the schemas it registers follow), how it
 * reads its settings, and which topology it runs. Starting, stopping and health are the same for
 * all of them ({@link StreamsApp}). Each application is the same four parts: this declaration, a
 * topology class that only builds, a stores class (names, builders, typed access), and a settings
 * record.
 *
 * @param <S> its settings record
 */
public abstract class StreamsApplication<S> implements PixelgateApplication {

    /** The Kafka Streams application id (led by the topic prefix when that is not the default). */
    public abstract String applicationId();

    /** Streams settings of this application over the shared ones; {@code streams.*} still overrides both. */
    public Map<String, Object> streamsDefaults() {
        return Map.of();
    }

    /** The topics this application reads. */
    public abstract List<Topic<?>> reads(Topics topics);

    /** The topics this application writes (the rejected topic included). */
    public abstract List<Topic<?>> writes(Topics topics);

    /** Its settings, read from {@code config}; a bad one fails naming it. */
    public abstract S readSettings(PixelgateConfig config);

    /** Its topology, with the meters of {@code runtime} where it counts something. */
    public abstract Topology topology(PixelgateRuntime runtime, S settings);

    /**
     * What must hold on the cluster before the application starts, and what it learns there (the
     * open-aggregator reads its hit topics' partition count); {@code settings} as read by default.
     */
    protected S prepare(final PixelgateRuntime runtime, final S settings) {
        return settings;
    }

    /** The Streams configuration this application runs with. */
    public final Properties streamsConfig(final PixelgateRuntime runtime) {
        return StreamsApp.streamsConfig(runtime, applicationId(), streamsDefaults());
    }

    /** Every topic it reads or writes, each once, in that order: the schemas it registers. */
    public final List<Topic<?>> topics(final Topics topics) {
        final LinkedHashSet<Topic<?>> all = new LinkedHashSet<>(reads(topics));
        all.addAll(writes(topics));
        return new ArrayList<>(all);
    }

    @Override
    public final Running start(final PixelgateRuntime runtime, final Duration timeout) {
        runtime.registerSchemas(topics(runtime.topics()));
        final S settings = prepare(runtime, readSettings(runtime.config()));
        return StreamsApp.start(name(), topology(runtime, settings), streamsConfig(runtime), timeout);
    }
}
