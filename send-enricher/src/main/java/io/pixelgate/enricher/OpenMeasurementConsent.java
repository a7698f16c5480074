package io.pixelgate.enricher;

import io.pixelgate.events.ConsentState;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import io.pixelgate.schemas.consent.Consents;

/**
 * What the versioned consent table keeps of one consent-state snapshot: its OPEN_MEASUREMENT entry,
 * the only purpose a decision reads ({@link TrackingDecision}). Never leaves the enricher: nobody
 * outside reads the table, so it holds no more than the decision needs ({@link OpenMeasurementSerde}).
 *
 * @param entry the snapshot's OPEN_MEASUREMENT entry; null when the snapshot never named that purpose
 *              (a snapshot with no grant, which is not the same as the profile erased: a tombstone,
 *              no value at all)
 */
record OpenMeasurementConsent(PurposeConsent entry) {

    /** What {@code state} (not null) says of OPEN_MEASUREMENT. */
    static OpenMeasurementConsent of(final ConsentState state) {
        return new OpenMeasurementConsent(Consents.entry(state, Purpose.OPEN_MEASUREMENT).orElse(null));
    }
}
