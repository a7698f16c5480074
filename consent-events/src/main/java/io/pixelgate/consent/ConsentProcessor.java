package io.pixelgate.consent;

import io.pixelgate.consent.ConsentStateMachine.Outcome;
import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentLedgerEntry;
import io.pixelgate.events.ProfileKey;
import io.pixelgate.platform.Outputs;
import io.pixelgate.schemas.Topics;
import io.pixelgate.schemas.ledger.LedgerSeal;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Applies each change to the profile's stored state through {@link ConsentStateMachine} and
 * forwards the outcome, encoded, its ledger entry sealed with the profile's key (made on the
 * profile's first entry). Runs on changes keyed by profileId, so one task owns a profile's state.
 * The outputs are encoded and checked before any store is written: a change whose ledger entry could
 * not be written leaves no state behind (no grant without its proof).
 *
 * <p>Changes seen are remembered for {@code consent.seen.retention} after their arrival, then
 * forgotten by an hourly sweep: a replay after that is no longer ledgered DUPLICATE, but still changes
 * nothing (the state names it, or a later change replaced it: OUT_OF_ORDER). A change that occurred
 * before the profile's last erasure changes nothing either, whatever its eventId
 * ({@link Erasures#precedes}): the erasure deleted what would have recognised it as a replay.
 */
final class ConsentProcessor implements Processor<String, ConsentChange, String, ConsentOutputs> {

    private final Topics topics;
    private final Duration seenRetention;
    private final ConsentStateMachine.ReplayMemory memory;
    private final SecureRandom random = new SecureRandom();
    private ProcessorContext<String, ConsentOutputs> context;
    private ConsentStores.Profiles stores;
    private Cancellable sweeps;

    ConsentProcessor(final Topics topics, final Duration seenRetention) {
        this.topics = topics;
        this.seenRetention = seenRetention;
        this.memory = new ConsentStateMachine.ReplayMemory(seenRetention, topics.limits().maxClockSkew());
    }

    @Override
    public void init(final ProcessorContext<String, ConsentOutputs> context) {
        this.context = context;
        this.stores = ConsentStores.Profiles.of(context);
        // Wall-clock time: the bound holds while no change arrives, too.
        this.sweeps = context.schedule(ConsentStores.SEEN_SWEEP_INTERVAL, PunctuationType.WALL_CLOCK_TIME,
                now -> ConsentStores.forgetSeenBefore(stores.seen(), now - seenRetention.toMillis()));
    }

    /**
     * Kafka Streams (4.3) keeps a task's punctuators when it revives the task, and initialises the
     * processor again: without this, every revival would add a sweep.
     */
    @Override
    public void close() {
        sweeps.cancel();
    }

    @Override
    public void process(final Record<String, ConsentChange> record) {
        final ConsentChange change = record.value();
        final String profileId = change.getProfileId();
        // The record's timestamp is when the cluster received the change (consent-changes is a
        // LogAppendTime topic; the repartition keeps the timestamp).
        final Instant receivedAt = Instant.ofEpochMilli(record.timestamp());
        final Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        if (Erasures.precedes(change, stores.erasures().get(profileId))) {
            forwardBeforeErasure(change, receivedAt, now);
            return;
        }
        final String seenKey = ConsentStores.seenKey(profileId, change.getEventId());
        final boolean duplicate = stores.seen().get(seenKey) != null;
        final Outcome outcome = ConsentStateMachine.apply(stores.states().get(profileId), change, duplicate,
                receivedAt, now, memory);
        final ProfileKey known = stores.keys().get(profileId);
        final ProfileKey key = known != null ? known : newKey(profileId, now);
        final ConsentLedgerEntry entry = LedgerSealing.seal(outcome.ledger(), LedgerSeal.keyOf(key), random);
        final ConsentOutputs outputs = ConsentOutputs.ofChange(
                Outputs.encode(topics.consentLedger(), profileId, entry),
                outcome.changed() ? Outputs.encode(topics.consentState(), profileId, outcome.state()) : null,
                known == null ? Outputs.encode(topics.profileKeys(), profileId, key) : null);
        if (!duplicate) {
            stores.seen().put(seenKey, record.timestamp());
        }
        if (known == null) {
            stores.keys().put(profileId, key);
        }
        if (outcome.changed()) {
            stores.states().put(profileId, outcome.state());
        }
        // Stamped with when the change took effect, so a versioned table of consent-state answers
        // "as of" in event time (the send-enricher's temporal join), not in arrival time.
        context.forward(new Record<>(profileId, outputs,
                ConsentStateMachine.effectiveAt(change, receivedAt, memory).toEpochMilli(), new RecordHeaders()));
    }

    /**
     * Ledgers a change from before the profile's erasure as proof that it came, and keeps nothing of
     * it: no state, no key, no seen entry, its personal fields dropped rather than sealed under a key
     * made for them.
     */
    private void forwardBeforeErasure(final ConsentChange change, final Instant receivedAt, final Instant now) {
        final String profileId = change.getProfileId();
        final ConsentOutputs outputs = ConsentOutputs.ofChange(Outputs.encode(topics.consentLedger(), profileId,
                Erasures.beforeErasure(change, receivedAt, now)), null, null);
        context.forward(new Record<>(profileId, outputs,
                ConsentStateMachine.effectiveAt(change, receivedAt).toEpochMilli(), new RecordHeaders()));
    }

    private ProfileKey newKey(final String profileId, final Instant now) {
        return ProfileKey.newBuilder()
                .setProfileId(profileId)
                .setKey(ByteBuffer.wrap(LedgerSeal.newKey(random)))
                .setCreatedAt(now)
                .build();
    }
}
