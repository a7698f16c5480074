package io.pixelgate.edge.prefs;

import java.time.Duration;

/**
 * What the preferences pages accept from a POST, beyond its anti-forgery value.
 *
 * @param maxFormAge         a form that grants must be posted within this time of being shown
 * @param rateLimit          decision POSTs allowed per profile in a burst, refilled over {@code rateWindow}
 * @param rateWindow         the time in which {@code rateLimit} POSTs are allowed again
 * @param withdrawalWindow   after a withdrawal is recorded, further ones within this time are
 *                           answered at once and recorded as one, when the window closes
 * @param rememberedProfiles how many profiles this edge instance remembers (latest change, rate,
 *                           pending withdrawal); the least recently seen is forgotten first
 */
public record FormRules(Duration maxFormAge, int rateLimit, Duration rateWindow, Duration withdrawalWindow,
                        int rememberedProfiles) {
}
