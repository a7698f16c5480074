package io.pixelgate.aggregator.profile;

import io.pixelgate.events.ConsentState;
import io.pixelgate.events.Purpose;
import io.pixelgate.schemas.consent.Consents;
import java.time.Instant;

/**
 * The purposes that count for one hit: granted at the hit's time ({@link Consents#granted}: wording,
 * expiry, dependence on OPEN_MEASUREMENT, and a grant made by then) by the profile's latest consent
 * state. The latest state, not the state as of the hit: a withdrawal applies to every hit processed
 * after it, even to hits made before it arrived, and a grant made after a hit never reaches back to
 * it. That errs on the private side: a hit processed after its profile renewed a grant counts at the
 * campaign level only.
 *
 * @param openMeasurement per-message counting (unique opens and clicks)
 * @param profiling       the profile's engagement record
 * @param crossChannel    whether other channels may use that record (false without a record)
 */
public record ConsentView(boolean openMeasurement, boolean profiling, boolean crossChannel) {

    public static final ConsentView NONE = new ConsentView(false, false, false);

    public static ConsentView at(final ConsentState state, final Instant hitAt) {
        // Without measurement nothing else may count: one lookup decides.
        if (!Consents.granted(state, Purpose.OPEN_MEASUREMENT, hitAt)) {
            return NONE;
        }
        final boolean profiling = Consents.granted(state, Purpose.ENGAGEMENT_PROFILING, hitAt);
        return new ConsentView(true, profiling, profiling && Consents.granted(state, Purpose.CROSS_CHANNEL, hitAt));
    }
}
