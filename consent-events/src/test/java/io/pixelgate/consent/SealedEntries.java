package io.pixelgate.consent;

import io.pixelgate.events.ConsentLedgerEntry;
import io.pixelgate.events.PersonalData;
import io.pixelgate.events.ProfileKey;
import io.pixelgate.schemas.ledger.LedgerSeal;
import java.util.Optional;

/** How a reader of the ledger, such as {@code pixelgate proof}, opens an entry's sealed fields. */
final class SealedEntries {

    private SealedEntries() {
    }

    /** The personal fields of {@code entry} opened with {@code key}; empty when the key is not theirs or none were sealed. */
    static Optional<PersonalData> open(final ConsentLedgerEntry entry, final ProfileKey key) {
        if (entry.getSealed() == null) {
            return Optional.empty();
        }
        return LedgerSeal.open(LedgerSeal.keyOf(key), entry.getChange().getProfileId(),
                entry.getChange().getEventId(), entry.getSealed());
    }

    /** Whether {@code entry} holds no personal field in the clear. */
    static boolean clear(final ConsentLedgerEntry entry) {
        return entry.getChange().getEmail() == null && entry.getChange().getEvidence() == null;
    }
}
