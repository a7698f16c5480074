package io.pixelgate.consent;

import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentLedgerEntry;
import io.pixelgate.events.PersonalData;
import io.pixelgate.schemas.ledger.LedgerSeal;
import java.security.SecureRandom;

/**
 * A ledger entry as it is written: its change's personal fields (email, evidence) taken out and
 * sealed with the profile's key, so that deleting the key erases them from every copy of the ledger.
 */
final class LedgerSealing {

    private LedgerSealing() {
    }

    /** {@code entry} with {@code change.email} and {@code change.evidence} null and sealed, when it had either. */
    static ConsentLedgerEntry seal(final ConsentLedgerEntry entry, final byte[] key, final SecureRandom random) {
        final ConsentChange change = entry.getChange();
        if (change.getEmail() == null && change.getEvidence() == null) {
            return entry;
        }
        final PersonalData personal = PersonalData.newBuilder()
                .setEmail(change.getEmail())
                .setEvidence(change.getEvidence())
                .build();
        return ConsentLedgerEntry.newBuilder(entry)
                .setChange(ConsentChange.newBuilder(change).setEmail(null).setEvidence(null).build())
                .setSealed(LedgerSeal.seal(key, change.getProfileId(), change.getEventId(), personal, random))
                .build();
    }
}
