package io.pixelgate.edge.prefs;

import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentEvidence;
import io.pixelgate.events.ConsentMethod;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Purpose;
import io.pixelgate.schemas.consent.Consents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The consent changes a decision on the preferences page records: pure, no Kafka and no HTTP.
 *
 * <p>The page shows every purpose, none ticked, so a submitted form is a complete answer: the
 * purposes ticked are {@code GRANTED}, the others {@code DENIED} (which also ends an earlier grant
 * of them). One change per status, since a change names one status for all its purposes.
 *
 * <p>The changes of one submission share an instant, so nothing may be left for the order of
 * their event ids to decide: they never name, nor imply, the same purpose. A denial of
 * {@code OPEN_MEASUREMENT} implies its dependants ({@code Consents.dependantsOf}); a form that
 * ticks a dependant without it is therefore never recorded ({@link #unmetNeeds}): the page says
 * so and the person chooses again. Event ids are the submission's id and the status, so a
 * submission always yields the same records.
 *
 * <p>Evidence: the user agent and the client's truncated address prefix, never the full IP. The
 * proof of who chose is the token, which only the recipient's emails carry; the ledger keeps the
 * time, the wording version shown, when the form was shown, the method and this evidence.
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
     * The purposes the decision grants without the purpose each needs, mapped to that purpose, in
     * the page's order; empty when the decision can be recorded.
     */
    public static Map<Purpose, Purpose> unmetNeeds(final Decision decision) {
        final Map<Purpose, Purpose> unmet = new EnumMap<>(Purpose.class);
        if (decision instanceof Decision.Accept accept) {
            for (final Purpose needed : Purpose.values()) {
                for (final Purpose dependant : Consents.dependantsOf(needed)) {
                    if (accept.purposes().contains(dependant) && !accept.purposes().contains(needed)) {
                        unmet.putIfAbsent(dependant, needed);
                    }
                }
            }
        }
        return unmet;
    }

    /** True when the decision grants something: such a form must be fresh (see {@code RecentChoices}). */
    public static boolean grants(final Decision decision) {
        return decision instanceof Decision.Accept accept && !accept.purposes().isEmpty();
    }

    /**
     * The changes to record, in the order of {@link ConsentStatus}.
     *
     * @param wordingVersion the version of the wording the form was shown with; null only for a
     *                       withdrawal sent without one
     * @param formShownAt    when the page rendered the form, as signed in it; null when no form says
     * @param submissionId   unique per submission; each change's event id is it and the status
     * @throws IllegalArgumentException when the decision has {@link #unmetNeeds}
     */
    public static List<ConsentChange> changes(final Decision decision, final String profileId,
                                              final String wordingVersion, final Instant occurredAt,
                                              final Instant formShownAt, final ConsentEvidence evidence,
                                              final String submissionId) {
        if (!unmetNeeds(decision).isEmpty()) {
            throw new IllegalArgumentException("a decision granting " + unmetNeeds(decision).keySet()
                    + " without what they need is never recorded");
        }
        final Map<ConsentStatus, Set<Purpose>> byStatus = new EnumMap<>(ConsentStatus.class);
        outcome(decision).forEach((purpose, status) ->
                byStatus.computeIfAbsent(status, s -> EnumSet.noneOf(Purpose.class)).add(purpose));
        final List<ConsentChange> changes = new ArrayList<>();
        byStatus.forEach((status, purposes) -> changes.add(ConsentChange.newBuilder()
                .setEventId(submissionId + "-" + status.name().toLowerCase(Locale.ROOT))
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
                .setFormShownAt(formShownAt)
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
