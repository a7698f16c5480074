package io.pixelgate.enricher;

import io.pixelgate.events.ProjectSettings;
import io.pixelgate.schemas.serde.InputDecoder;
import io.pixelgate.schemas.serde.InvalidInputException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global store of project settings, on every instance. Settings are input, so framed Avro
 * or JSON; the store holds them decoded. A value that is neither is skipped with a warning naming
 * the project and the reason, and the project keeps its previous settings (a global store is kept
 * by a thread that cannot write to the rejected topic). A tombstone deletes a project's settings:
 * defaults again. Kafka Streams replays the topic through this processor when it restores the store,
 * so a restart ends with the same settings as the live run.
 */
final class ProjectSettingsUpdater implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectSettingsUpdater.class);

    private final InputDecoder<ProjectSettings> decoder;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, ProjectSettings> store;

    ProjectSettingsUpdater(final InputDecoder<ProjectSettings> decoder) {
        this.decoder = decoder;
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(SendEnricherTopology.SETTINGS_STORE);
    }

    @Override
    public void process(final Record<String, byte[]> record) {
        if (record.key() == null) {
            LOG.warn("project settings without a key (the projectId) at {} are ignored", where());
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
            return;
        }
        try {
            store.put(record.key(), decoder.decode(record.value()));
        } catch (final InvalidInputException invalid) {
            LOG.warn("project settings of '{}' at {} cannot be read and are ignored; the project keeps its previous "
                    + "settings. Write them again as JSON or framed Avro: {}", record.key(), where(), invalid.getMessage());
        }
    }

    private String where() {
        return context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?");
    }
}
