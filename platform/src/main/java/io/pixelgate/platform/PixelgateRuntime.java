package io.pixelgate.platform;

import io.pixelgate.platform.ops.Meters;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.Topics;
import io.pixelgate.schemas.registry.HttpSchemaRegistryClient;
import io.pixelgate.schemas.registry.SchemaRegistryClient;
import java.time.Duration;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an application needs besides its topology: its configuration, the schema registry, the
 * typed topics built from both, and the meters the operations endpoint serves (one set for every
 * application sharing this runtime, as in {@code dev}).
 */
public record PixelgateRuntime(PixelgateConfig config, SchemaRegistryClient registry, Topics topics, Meters meters) {

    private static final Logger LOG = LoggerFactory.getLogger(PixelgateRuntime.class);

    /** Connects to the registry named by {@code schema.registry.url}. */
    public static PixelgateRuntime connect(final PixelgateConfig config) {
        return with(config, new HttpSchemaRegistryClient(CommonSettings.SCHEMA_REGISTRY_URL.from(config)));
    }

    /** Uses {@code registry} as it is (an in-memory one in topology tests). */
    public static PixelgateRuntime with(final PixelgateConfig config, final SchemaRegistryClient registry) {
        final Duration personalRetention = CommonSettings.PERSONAL_RETENTION.from(config);
        final Topics topics = Topics.create(CommonSettings.TOPIC_PREFIX.from(config), personalRetention.toMillis(),
                registry, InputSettings.limits(config));
        return new PixelgateRuntime(config, registry, topics, new Meters());
    }

    /**
     * Registers the value schema of each topic under {@code <topic>-value}, so that producers can
     * fetch the schema they should write with and readers can resolve ids (SPEC.md section 2).
     */
    public void registerSchemas(final Collection<Topic<?>> used) {
        for (final Topic<?> topic : used) {
            final int id = topic.registerSchema();
            LOG.debug("schema of {} registered with id {} at {}", topic.name(), id, registry.describe());
        }
        LOG.info("registered {} value schemas at {}", used.size(), registry.describe());
    }
}
