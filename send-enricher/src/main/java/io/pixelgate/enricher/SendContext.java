package io.pixelgate.enricher;

import io.pixelgate.events.PurposeConsent;
import io.pixelgate.events.SendRequest;

/**
 * A send with the consent the join found for it. Never serialised: it lives between the join and
 * the decision, inside one task.
 *
 * @param send    the send request
 * @param consent the recipient's OPEN_MEASUREMENT consent as of the send's time; null when none was
 *                known then (nothing yet, or the profile erased)
 */
record SendContext(SendRequest send, OpenMeasurementConsent consent) {

    /** The OPEN_MEASUREMENT entry in force at the send's time, or null. */
    PurposeConsent openMeasurement() {
        return consent == null ? null : consent.entry();
    }
}
