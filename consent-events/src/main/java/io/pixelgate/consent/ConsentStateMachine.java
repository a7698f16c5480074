package io.pixelgate.consent;

import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentLedgerEntry;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.LedgerEffect;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import io.pixelgate.schemas.consent.Consents;
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
 * <p>Each purpose keeps the change with the latest {@code occurredAt} (ties broken by eventId, so the
 * result does not depend on arrival order). A withdrawal or denial of OPEN_MEASUREMENT also sets its
 * dependants, as if the change had named them: an older grant of a dependant that arrives later
 * then loses to it, whatever the order of arrival. A change already seen changes nothing.
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
     * @param current   the profile's state, null when it has none
     * @param change    a valid change for that profile
     * @param duplicate whether this change's eventId was seen before
     * @param now       processing time, for {@code recordedAt} and {@code updatedAt}
     */
    public static Outcome apply(final ConsentState current, final ConsentChange change, final boolean duplicate,
                                final Instant now) {
        if (duplicate) {
            return new Outcome(ledger(change, now, LedgerEffect.DUPLICATE, List.of()), null);
        }
        final Map<Purpose, PurposeConsent> entries = new EnumMap<>(Purpose.class);
        if (current != null) {
            current.getPurposes().forEach(entry -> entries.put(entry.getPurpose(), entry));
        }
        final List<Purpose> applied = new ArrayList<>();
        for (final Purpose purpose : purposesSetBy(change)) {
            final PurposeConsent candidate = entryFor(purpose, change);
            final PurposeConsent existing = entries.get(purpose);
            if (existing == null || NEWEST_LAST.compare(candidate, existing) > 0) {
                entries.put(purpose, candidate);
                applied.add(purpose);
            }
        }
        if (applied.isEmpty()) {
            return new Outcome(ledger(change, now, LedgerEffect.OUT_OF_ORDER, List.of()), null);
        }
        final ConsentState state = ConsentState.newBuilder()
                .setProfileId(change.getProfileId())
                .setPurposes(new ArrayList<>(entries.values()))
                .setUpdatedAt(now)
                .build();
        return new Outcome(ledger(change, now, LedgerEffect.APPLIED, applied), state);
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

    private static PurposeConsent entryFor(final Purpose purpose, final ConsentChange change) {
        return PurposeConsent.newBuilder()
                .setPurpose(purpose)
                .setStatus(change.getStatus())
                .setSince(change.getOccurredAt())
                .setEventId(change.getEventId())
                .setWordingVersion(change.getWordingVersion())
                .setExpiresAt(change.getStatus() == ConsentStatus.GRANTED ? change.getExpiresAt() : null)
                .build();
    }

    private static ConsentLedgerEntry ledger(final ConsentChange change, final Instant now, final LedgerEffect effect,
                                             final List<Purpose> applied) {
        return ConsentLedgerEntry.newBuilder()
                .setChange(change)
                .setRecordedAt(now)
                .setEffect(effect)
                .setAppliedPurposes(applied)
                .build();
    }
}
