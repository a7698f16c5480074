package io.pixelgate.aggregator.profile;

import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import io.pixelgate.schemas.consent.Consents;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which purposes' data to purge for a profile after its consent changed (SPEC.md section 1,
 * withdrawal), and why.
 *
 * <p>A purpose is purged when it was granted before the change and is not after it (WITHDRAWN, or
 * DENIED after a grant, or fallen with OPEN_MEASUREMENT), and also whenever data is held for a
 * purpose that is not granted now (an expired grant, found on the next change or the expiry sweep).
 * The second rule makes the purge idempotent: whatever happened before, no data outlives its grant.
 *
 * @param purposes       the purposes no longer granted whose data goes
 * @param reason         e.g. {@code WITHDRAWN by consent event crm-9}
 * @param consentEventId the consent change behind it, when there is one
 */
public record PurgePlan(Set<Purpose> purposes, String reason, String consentEventId) {

    public static final PurgePlan NOTHING = new PurgePlan(Set.of(), "", null);

    public PurgePlan {
        purposes = purposes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(purposes));
    }

    public boolean isEmpty() {
        return purposes.isEmpty();
    }

    /**
     * @param before the profile's consent before the change, or null
     * @param after  its consent after the change, or null when the consent state was deleted
     * @param at     when the change is applied
     * @param held   what is held for the profile
     */
    public static PurgePlan of(final ConsentState before, final ConsentState after, final Instant at,
                               final Holdings held) {
        final Set<Purpose> purged = EnumSet.noneOf(Purpose.class);
        for (final Purpose purpose : Purpose.values()) {
            if (!Consents.granted(after, purpose, at)
                    && (Consents.granted(before, purpose, at) || holds(held, purpose))) {
                purged.add(purpose);
            }
        }
        if (purged.isEmpty()) {
            return NOTHING;
        }
        // Name the change behind the root purpose: OPEN_MEASUREMENT when it fell, as its dependants fell with it.
        final Purpose root = purged.contains(Purpose.OPEN_MEASUREMENT) ? Purpose.OPEN_MEASUREMENT
                : purged.iterator().next();
        final Optional<PurposeConsent> entry = Consents.entry(after, root);
        final Optional<PurposeConsent> cause = entry.isPresent() && Consents.counts(entry.get(), at)
                ? Consents.entry(after, Purpose.OPEN_MEASUREMENT) : entry;
        return new PurgePlan(purged, reason(cause, at), cause.map(PurposeConsent::getEventId).orElse(null));
    }

    private static boolean holds(final Holdings held, final Purpose purpose) {
        return switch (purpose) {
            case OPEN_MEASUREMENT -> held.messages();
            case ENGAGEMENT_PROFILING -> held.engagement();
            case CROSS_CHANNEL -> held.crossChannel();
        };
    }

    private static String reason(final Optional<PurposeConsent> cause, final Instant at) {
        if (cause.isEmpty()) {
            return "NO_CONSENT_RECORD";
        }
        final PurposeConsent entry = cause.get();
        final String status = entry.getStatus() == ConsentStatus.GRANTED
                ? entry.getExpiresAt() != null && !at.isBefore(entry.getExpiresAt()) ? "EXPIRED" : "NOT_GRANTED"
                : entry.getStatus().name();
        return status + " by consent event " + entry.getEventId();
    }
}
