package io.pixelgate.enricher;

import io.pixelgate.events.ConsentState;
import io.pixelgate.events.SendRequest;

/**
 * A send with the consent the join found for it. Never serialised: it lives between the join and
 * the decision, inside one task.
 *
 * @param send    the send request
 * @param consent the recipient's consent as of the send's time; null when none was known then
 */
record SendContext(SendRequest send, ConsentState consent) {
}
