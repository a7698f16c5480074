package io.pixelgate.enricher;

import io.pixelgate.events.ProjectSettings;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global store of project settings, on every instance, from project-settings-accepted:
 * settings that already passed the input gate, so every record here can be used. A tombstone
 * deletes a project's settings: defaults again. Kafka Streams replays the topic through this
 * processor when it restores the store, so a restart ends with the same settings as the live run.
 */
final class ProjectSettingsUpdater implements Processor<String, ProjectSettings, Void, Void> {

    private KeyValueStore<String, ProjectSettings> store;

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        this.store = EnricherStores.projects(context);
    }

    @Override
    public void process(final Record<String, ProjectSettings> record) {
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
    }
}
