package io.pixelgate.consent;

import io.pixelgate.consent.ConsentStateMachine.Outcome;
import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentState;
import io.pixelgate.platform.Outputs;
import io.pixelgate.schemas.Topics;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies each change to the profile's stored state through {@link ConsentStateMachine} and
 * forwards the outcome, encoded. Runs on changes keyed by profileId, so one task owns a profile's
 * state. The outputs are encoded and checked before either store is written: a change whose ledger
 * entry could not be written leaves no state behind (no grant without its proof).
 */
final class ConsentProcessor implements Processor<String, ConsentChange, String, ConsentProcessor.Encoded> {

    private final Topics topics;
    private ProcessorContext<String, Encoded> context;
    private KeyValueStore<String, ConsentState> states;
    private KeyValueStore<String, Long> seen;

    ConsentProcessor(final Topics topics) {
        this.topics = topics;
    }

    /** The outcome of one change as the bytes of its ledger entry and, when it changed any purpose, of the new state. */
    record Encoded(byte[] ledger, byte[] state) {
    }

    @Override
    public void init(final ProcessorContext<String, Encoded> context) {
        this.context = context;
        this.states = ConsentStores.states(context);
        this.seen = ConsentStores.seen(context);
    }

    @Override
    public void process(final Record<String, ConsentChange> record) {
        final ConsentChange change = record.value();
        final String profileId = change.getProfileId();
        final String seenKey = ConsentStores.seenKey(profileId, change.getEventId());
        final boolean duplicate = seen.get(seenKey) != null;
        // The record's timestamp is when the cluster received the change (consent-changes is a
        // LogAppendTime topic; the repartition keeps the timestamp).
        final Instant receivedAt = Instant.ofEpochMilli(record.timestamp());
        final Outcome outcome = ConsentStateMachine.apply(states.get(profileId), change, duplicate, receivedAt,
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        final Encoded encoded = new Encoded(Outputs.encode(topics.consentLedger(), profileId, outcome.ledger()),
                outcome.changed() ? Outputs.encode(topics.consentState(), profileId, outcome.state()) : null);
        if (!duplicate) {
            seen.put(seenKey, change.getOccurredAt().toEpochMilli());
        }
        if (outcome.changed()) {
            states.put(profileId, outcome.state());
        }
        // Stamped with when the change took effect, so a versioned table of consent-state answers
        // "as of" in event time (the send-enricher's temporal join), not in arrival time.
        context.forward(new Record<>(profileId, encoded,
                ConsentStateMachine.effectiveAt(change, receivedAt).toEpochMilli(), new RecordHeaders()));
    }
}
