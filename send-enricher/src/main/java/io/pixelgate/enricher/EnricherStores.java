package io.pixelgate.enricher;

import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ProjectSettings;
import io.pixelgate.schemas.Topic;
import java.time.Duration;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The send-enricher's state: consent as of any instant within the history retention, and every
 * project's settings. Names are fixed: they name changelogs and local state, so existing state keeps
 * working after an upgrade.
 */
public final class EnricherStores {

    /** The versioned store of consent-state: every OPEN_MEASUREMENT decision of a profile within the history retention. */
    public static final String CONSENT_STORE = "consent-state-versions";
    /** The global store of the project settings accepted. */
    public static final String SETTINGS_STORE = "project-settings-store";

    private EnricherStores() {
    }

    /**
     * The versioned consent table's store, keeping {@code history}; its values are what a decision
     * reads of each version ({@link OpenMeasurementSerde}).
     */
    static Materialized<String, OpenMeasurementConsent, KeyValueStore<Bytes, byte[]>> consentVersions(
            final Topic<ConsentState> state, final OpenMeasurementSerde versions, final Duration history) {
        return Materialized.<String, OpenMeasurementConsent>as(
                        Stores.persistentVersionedKeyValueStore(CONSENT_STORE, history))
                .withKeySerde(state.keySerde()).withValueSerde(versions);
    }

    /** The global store of project settings; kept from project-settings-accepted, so it needs no changelog. */
    static StoreBuilder<KeyValueStore<String, ProjectSettings>> projectSettings(final Topic<ProjectSettings> accepted) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SETTINGS_STORE), accepted.keySerde(),
                accepted.valueSerde()).withLoggingDisabled();
    }

    static KeyValueStore<String, ProjectSettings> projects(final ProcessingContext context) {
        return context.getStateStore(SETTINGS_STORE);
    }
}
