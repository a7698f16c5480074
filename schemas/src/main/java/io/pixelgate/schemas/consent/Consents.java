package io.pixelgate.schemas.consent;

import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * How to read a {@link ConsentState} (SPEC.md section 1). A purpose is granted only by a GRANTED
 * entry that names its wording and has not expired; no entry, DENIED, WITHDRAWN and an expired grant
 * all mean not granted. ENGAGEMENT_PROFILING and CROSS_CHANNEL also need OPEN_MEASUREMENT: opens
 * cannot feed them without it.
 */
public final class Consents {

    private Consents() {
    }

    /** The recorded entry for {@code purpose}, if any change ever named it. */
    public static Optional<PurposeConsent> entry(final ConsentState state, final Purpose purpose) {
        if (state == null) {
            return Optional.empty();
        }
        // A loop, not a stream: this runs at every hit and every send.
        for (final PurposeConsent entry : state.getPurposes()) {
            if (entry.getPurpose() == purpose) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code purpose} counts as granted at instant {@code at}, dependencies included. */
    public static boolean granted(final ConsentState state, final Purpose purpose, final Instant at) {
        if (!grantedAlone(state, purpose, at)) {
            return false;
        }
        return purpose == Purpose.OPEN_MEASUREMENT || grantedAlone(state, Purpose.OPEN_MEASUREMENT, at);
    }

    /** The purposes that depend on {@code purpose} and fall with it. */
    public static Set<Purpose> dependantsOf(final Purpose purpose) {
        return purpose == Purpose.OPEN_MEASUREMENT
                ? EnumSet.of(Purpose.ENGAGEMENT_PROFILING, Purpose.CROSS_CHANNEL)
                : EnumSet.noneOf(Purpose.class);
    }

    /** Whether an entry is a grant that counts at {@code at}, on its own: made by then, not expired. */
    public static boolean counts(final PurposeConsent entry, final Instant at) {
        return entry.getStatus() == ConsentStatus.GRANTED
                && !entry.getSince().isAfter(at)
                && entry.getWordingVersion() != null && !entry.getWordingVersion().isBlank()
                && (entry.getExpiresAt() == null || at.isBefore(entry.getExpiresAt()));
    }

    private static boolean grantedAlone(final ConsentState state, final Purpose purpose, final Instant at) {
        return entry(state, purpose).map(e -> counts(e, at)).orElse(false);
    }
}
