package io.pixelgate.consent;

import io.pixelgate.consent.ConsentStateMachine.Outcome;
import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentState;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies each change to the profile's stored state through {@link ConsentStateMachine} and
 * forwards the outcome. Runs on changes keyed by profileId, so one task owns a profile's state.
 */
final class ConsentProcessor implements Processor<String, ConsentChange, String, Outcome> {

    private ProcessorContext<String, Outcome> context;
    private KeyValueStore<String, ConsentState> states;
    private KeyValueStore<String, Long> seen;

    @Override
    public void init(final ProcessorContext<String, Outcome> context) {
        this.context = context;
        this.states = context.getStateStore(ConsentTopology.STATE_STORE);
        this.seen = context.getStateStore(ConsentTopology.SEEN_STORE);
    }

    @Override
    public void process(final Record<String, ConsentChange> record) {
        final ConsentChange change = record.value();
        final String seenKey = change.getProfileId() + '\u0000' + change.getEventId();
        final boolean duplicate = seen.get(seenKey) != null;
        final Outcome outcome = ConsentStateMachine.apply(states.get(change.getProfileId()), change, duplicate,
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        if (!duplicate) {
            seen.put(seenKey, change.getOccurredAt().toEpochMilli());
        }
        if (outcome.changed()) {
            states.put(change.getProfileId(), outcome.state());
        }
        // Stamped with the change's own time, so a versioned table of consent-state answers "as of"
        // in event time (the send-enricher's temporal join), not in arrival time. Capped at now: the
        // broker refuses timestamps too far ahead, and a clock-skewed CRM must not crash the stream.
        context.forward(record.withKey(change.getProfileId()).withValue(outcome)
                .withTimestamp(Math.min(change.getOccurredAt().toEpochMilli(), context.currentSystemTimeMs())));
    }
}
