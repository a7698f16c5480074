package io.pixelgate.edge.prefs;

import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentEvidence;
import io.pixelgate.events.ConsentMethod;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Purpose;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The consent changes a decision on the preferences page records: pure, no Kafka and no HTTP.
 *
 * <p>The page shows every purpose, none ticked, so a submitted form is a complete answer: the
 * purposes ticked are {@code GRANTED}, the others {@code DENIED} (which also ends an earlier grant
 * of them). One change per status, since a change names one status for all its purposes.
 * Purposes are recorded as chosen; that the dependants need {@code OPEN_MEASUREMENT} is applied
 * where consent is read ({@code Consents.granted}), and the confirmation page says so.
 *
 * <p>Evidence: the user agent and the client's truncated address prefix, never the full IP. The
 * proof of who chose is the token, which only the recipient's emails carry; the ledger keeps the
 * time, the wording version shown, the method and this evidence.
 */
public final class PreferenceChanges {

    /** The {@code source} of every change the edge records. */
    public static final String SOURCE = "edge";

    private PreferenceChanges() {
    }

    /** The status each purpose gets from {@code decision}. */
    public static Map<Purpose, ConsentStatus> outcome(final Decision decision) {
        final Map<Purpose, ConsentStatus> outcome = new EnumMap<>(Purpose.class);
        for (final Purpose purpose : Purpose.values()) {
            outcome.put(purpose, statusOf(decision, purpose));
        }
        return outcome;
    }

    /**
     * The changes to record, in order.
     *
     * @param wordingVersion the version of the wording the form was shown with; null only for a
     *                       withdrawal sent without one
     * @param eventIds       a fresh unique id per call
     */
    public static List<ConsentChange> changes(final Decision decision, final String profileId,
                                              final String wordingVersion, final Instant occurredAt,
                                              final ConsentEvidence evidence, final Supplier<String> eventIds) {
        final Map<ConsentStatus, Set<Purpose>> byStatus = new EnumMap<>(ConsentStatus.class);
        outcome(decision).forEach((purpose, status) ->
                byStatus.computeIfAbsent(status, s -> EnumSet.noneOf(Purpose.class)).add(purpose));
        final List<ConsentChange> changes = new ArrayList<>();
        byStatus.forEach((status, purposes) -> changes.add(ConsentChange.newBuilder()
                .setEventId(eventIds.get())
                .setProfileId(profileId)
                .setEmail(null)
                .setPurposes(new ArrayList<>(purposes))
                .setStatus(status)
                .setOccurredAt(occurredAt)
                .setSource(SOURCE)
                .setMethod(ConsentMethod.PREFERENCE_PAGE)
                .setWordingVersion(wordingVersion)
                .setEvidence(evidence)
                .setExpiresAt(null)
                .build()));
        return changes;
    }

    private static ConsentStatus statusOf(final Decision decision, final Purpose purpose) {
        if (decision instanceof Decision.Accept accept) {
            return accept.purposes().contains(purpose) ? ConsentStatus.GRANTED : ConsentStatus.DENIED;
        }
        return decision instanceof Decision.WithdrawAll ? ConsentStatus.WITHDRAWN : ConsentStatus.DENIED;
    }
}
