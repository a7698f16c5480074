package io.pixelgate.consent;

import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentLedgerEntry;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.LedgerEffect;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import io.pixelgate.schemas.consent.Consents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one consent change moves a profile's consent state (SPEC.md section 1), as a plain function.
 *
 * <p>A change takes effect at the earlier of its {@code occurredAt} and when the cluster received it
 * (SPEC.md section 1: no event is ordered later than its arrival, so a CRM whose clock runs ahead
 * cannot pin a grant against a withdrawal made after it arrived; and since both times are in the
 * record, reprocessing gives the same result). Each purpose keeps the change that took effect last
 * (ties broken by eventId, so the result does not depend on arrival order). A withdrawal or denial
 * of OPEN_MEASUREMENT also sets its dependants, as if the change had named them: an older grant of a
 * dependant that arrives later then loses to it, whatever the order of arrival. A change already
 * seen changes nothing, and so does one the state still names (a replay the seen store has
 * forgotten; one the state no longer names is older than what replaced it). A grant from a form
 * shown before the profile's latest change (by another form or another system) is not applied: a
 * captured or long-open form cannot grant again.
 */
public final class ConsentStateMachine {

    private static final Comparator<PurposeConsent> NEWEST_LAST = Comparator
            .comparing(PurposeConsent::getSince).thenComparing(PurposeConsent::getEventId);

    private ConsentStateMachine() {
    }

    /** The outcome of a change: its ledger entry, and the new state when any purpose changed. */
    public record Outcome(ConsentLedgerEntry ledger, ConsentState state) {
        public boolean changed() {
            return state != null;
        }
    }

    /**
     * How long changes are remembered as seen, and how far ahead of its arrival a change may be
     * stamped: together they say which grants may be replays of a change already forgotten.
     */
    public record ReplayMemory(Duration retention, Duration maxClockSkew) {
        /** Changes remembered forever (no grant is ever a forgotten replay). */
        public static final ReplayMemory UNBOUNDED = new ReplayMemory(null, Duration.ZERO);
    }

    /** As {@link #apply(ConsentState, ConsentChange, boolean, Instant, Instant, ReplayMemory)}, remembering forever. */
    public static Outcome apply(final ConsentState current, final ConsentChange change, final boolean duplicate,
                                final Instant receivedAt, final Instant now) {
        return apply(current, change, duplicate, receivedAt, now, ReplayMemory.UNBOUNDED);
    }

    /**
     * @param current    the profile's state, null when it has none
     * @param change     a valid change for that profile
     * @param duplicate  whether this change's eventId was seen before
     * @param receivedAt when the cluster received the change (its record timestamp)
     * @param now        processing time, for {@code recordedAt} and {@code updatedAt}
     * @param memory     how long seen changes are remembered
     */
    public static Outcome apply(final ConsentState current, final ConsentChange change, final boolean duplicate,
                                final Instant receivedAt, final Instant now, final ReplayMemory memory) {
        if (duplicate) {
            return new Outcome(ledger(change, receivedAt, now, LedgerEffect.DUPLICATE, List.of()), null);
        }
        final Map<Purpose, PurposeConsent> entries = new EnumMap<>(Purpose.class);
        if (current != null) {
            current.getPurposes().forEach(entry -> entries.put(entry.getPurpose(), entry));
        }
        if (staleForm(change, entries.values())) {
            return new Outcome(ledger(change, receivedAt, now, LedgerEffect.STALE_FORM, List.of()), null);
        }
        final Instant effective = effectiveAt(change, receivedAt, memory);
        final List<Purpose> applied = new ArrayList<>();
        for (final Purpose purpose : purposesSetBy(change)) {
            final PurposeConsent candidate = entryFor(purpose, change, effective);
            final PurposeConsent existing = entries.get(purpose);
            // A purpose the same eventId set already is a replay older than the seen store's memory
            // (consent.seen.retention): it changes nothing, even if it arrives later than it did first.
            if (existing != null && existing.getEventId().equals(change.getEventId())) {
                continue;
            }
            if (existing == null || NEWEST_LAST.compare(candidate, existing) > 0) {
                entries.put(purpose, candidate);
                applied.add(purpose);
            }
        }
        if (applied.isEmpty()) {
            return new Outcome(ledger(change, receivedAt, now, LedgerEffect.OUT_OF_ORDER, List.of()), null);
        }
        final ConsentState state = ConsentState.newBuilder()
                .setProfileId(change.getProfileId())
                .setPurposes(new ArrayList<>(entries.values()))
                .setUpdatedAt(now)
                .build();
        return new Outcome(ledger(change, receivedAt, now, LedgerEffect.APPLIED, applied), state);
    }

    /** When {@code change} takes effect: its occurredAt, or its arrival when that came first. */
    public static Instant effectiveAt(final ConsentChange change, final Instant receivedAt) {
        return change.getOccurredAt().isAfter(receivedAt) ? receivedAt : change.getOccurredAt();
    }

    /**
     * As {@link #effectiveAt(ConsentChange, Instant)}, except for a grant that may be a replay of a
     * change already forgotten (its first arrival, at most {@code maxClockSkew} before its
     * occurredAt, would be older than the memory): it is ordered at the earliest that first arrival
     * could have been. A grant stamped ahead took effect at its arrival the first time; replayed
     * later, its occurredAt would order it later than that, after a withdrawal made in between.
     * Only grants: ordering a withdrawal earlier could let a grant it should override win.
     */
    public static Instant effectiveAt(final ConsentChange change, final Instant receivedAt,
                                      final ReplayMemory memory) {
        final Instant effective = effectiveAt(change, receivedAt);
        if (memory.retention() == null || change.getStatus() != ConsentStatus.GRANTED) {
            return effective;
        }
        final Instant earliestFirstArrival = change.getOccurredAt().minus(memory.maxClockSkew());
        final boolean mayBeForgotten = earliestFirstArrival.isBefore(receivedAt.minus(memory.retention()));
        return mayBeForgotten && earliestFirstArrival.isBefore(effective) ? earliestFirstArrival : effective;
    }

    /**
     * Whether {@code change} is a grant from a form shown before some purpose last changed, by
     * anything but that same form (the changes one form records all carry the instant it was shown).
     */
    static boolean staleForm(final ConsentChange change, final Iterable<PurposeConsent> entries) {
        final Instant shown = change.getFormShownAt();
        if (shown == null || change.getStatus() != ConsentStatus.GRANTED) {
            return false;
        }
        for (final PurposeConsent entry : entries) {
            if (entry.getSince().isAfter(shown) && !shown.equals(entry.getFormShownAt())) {
                return true;
            }
        }
        return false;
    }

    /** The purposes a change sets: those it names, plus dependants when it takes OPEN_MEASUREMENT away. */
    static Set<Purpose> purposesSetBy(final ConsentChange change) {
        final Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
        purposes.addAll(change.getPurposes());
        if (change.getStatus() != ConsentStatus.GRANTED && purposes.contains(Purpose.OPEN_MEASUREMENT)) {
            purposes.addAll(Consents.dependantsOf(Purpose.OPEN_MEASUREMENT));
        }
        return purposes;
    }

    private static PurposeConsent entryFor(final Purpose purpose, final ConsentChange change, final Instant effective) {
        return PurposeConsent.newBuilder()
                .setPurpose(purpose)
                .setStatus(change.getStatus())
                .setSince(effective)
                .setEventId(change.getEventId())
                .setWordingVersion(change.getWordingVersion())
                .setExpiresAt(change.getStatus() == ConsentStatus.GRANTED ? change.getExpiresAt() : null)
                .setFormShownAt(change.getFormShownAt())
                .build();
    }

    static ConsentLedgerEntry ledger(final ConsentChange change, final Instant receivedAt, final Instant now,
                                             final LedgerEffect effect, final List<Purpose> applied) {
        return ConsentLedgerEntry.newBuilder()
                .setChange(change)
                .setRecordedAt(now)
                .setReceivedAt(receivedAt)
                .setEffect(effect)
                .setAppliedPurposes(applied)
                .build();
    }
}
