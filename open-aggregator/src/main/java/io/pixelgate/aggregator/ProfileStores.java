package io.pixelgate.aggregator;

import io.pixelgate.aggregator.count.MessageState;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ProfileEngagement;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The per-profile stores of one task, shared by the hit and consent processors. Every key starts
 * with the profile id, so a profile's data is found (and purged) without a full scan.
 */
final class ProfileStores {

    /** Between profile id and message id in message keys; ids never contain it. */
    private static final char SEPARATOR = '\u0000';
    private static final char AFTER_SEPARATOR = '\u0001';

    final KeyValueStore<String, ConsentState> consents;
    final WindowStore<String, MessageState> messages;
    final KeyValueStore<String, ProfileEngagement> engagements;
    final KeyValueStore<String, Long> lastOpens;
    final WindowStore<String, Long> deliveries;

    ProfileStores(final ProcessingContext context) {
        this.consents = context.getStateStore(AggregatorTopology.CONSENT_STORE);
        this.messages = context.getStateStore(AggregatorTopology.MESSAGE_STORE);
        this.engagements = context.getStateStore(AggregatorTopology.ENGAGEMENT_STORE);
        this.lastOpens = context.getStateStore(AggregatorTopology.LAST_OPEN_STORE);
        this.deliveries = context.getStateStore(AggregatorTopology.DELIVERY_STORE);
    }

    /** The message store's key: profile first, so that a profile's messages sort together. */
    static String messageKey(final String profileId, final String messageId) {
        return profileId + SEPARATOR + messageId;
    }

    boolean holdsMessages(final String profileId) {
        try (KeyValueIterator<Windowed<String>, MessageState> found = profileMessages(profileId)) {
            return found.hasNext();
        }
    }

    /** Deletes every message entry of the profile and returns how many there were. */
    long deleteMessages(final String profileId) {
        final List<Windowed<String>> keys = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, MessageState> found = profileMessages(profileId)) {
            found.forEachRemaining((KeyValue<Windowed<String>, MessageState> entry) -> keys.add(entry.key));
        }
        keys.forEach(key -> messages.put(key.key(), null, key.window().start()));
        return keys.size();
    }

    private KeyValueIterator<Windowed<String>, MessageState> profileMessages(final String profileId) {
        return messages.fetch(profileId + SEPARATOR, profileId + AFTER_SEPARATOR, 0L, Long.MAX_VALUE);
    }
}
