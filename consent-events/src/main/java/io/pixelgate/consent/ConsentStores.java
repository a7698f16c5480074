package io.pixelgate.consent;

import io.pixelgate.events.ConsentState;
import io.pixelgate.schemas.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The consent-events application's state: every profile's consent, and the changes already seen.
 * Names are fixed: they name the changelog topics, so existing state keeps working after an upgrade.
 */
public final class ConsentStores {

    /** Each profile's consent state, by profileId. */
    public static final String STATE_STORE = "consent-state-store";
    /** The changes already applied, by profileId and eventId: a replay changes nothing. */
    public static final String SEEN_STORE = "consent-seen-events";

    private ConsentStores() {
    }

    static void addTo(final StreamsBuilder builder, final Topics topics) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_STORE),
                Serdes.String(), topics.consentState().valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SEEN_STORE),
                Serdes.String(), Serdes.Long()));
    }

    static KeyValueStore<String, ConsentState> states(final ProcessingContext context) {
        return context.getStateStore(STATE_STORE);
    }

    static KeyValueStore<String, Long> seen(final ProcessingContext context) {
        return context.getStateStore(SEEN_STORE);
    }

    /** The key of a change in the seen store: its profile and its eventId. */
    static String seenKey(final String profileId, final String eventId) {
        return profileId + '\u0000' + eventId;
    }
}
