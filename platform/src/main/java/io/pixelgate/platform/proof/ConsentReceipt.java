package io.pixelgate.platform.proof;

import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.LedgerEffect;
import io.pixelgate.events.Purpose;
import io.pixelgate.platform.proof.Notices.Notice;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One consent receipt: the fields of ISO/IEC TS 27560 that apply to one consent-ledger entry
 * (built on the Kantara Consent Receipt). The controller, legal basis and purposes' descriptions
 * are the report's, shared by every receipt.
 *
 * @param receiptId  the ledger entry's place, {@code ledger/<partition>/<offset>}: unique, stable
 * @param personal   the PII principal's personal fields, or why they cannot be shown
 * @param notice     the notice on file for {@code wordingVersion}; empty when none is
 * @param effect     what the change did to the consent state (the ledger's effect)
 */
public record ConsentReceipt(String receiptId, String eventId, int partition, long offset, String profileId,
                             PersonalFields personal, List<Purpose> purposes, ConsentStatus status, String method,
                             String wordingVersion, Optional<Notice> notice, Instant occurredAt, Instant receivedAt,
                             Instant recordedAt, Instant expiresAt, String source, LedgerEffect effect,
                             List<Purpose> appliedPurposes) {

    public ConsentReceipt {
        purposes = List.copyOf(purposes);
        appliedPurposes = List.copyOf(appliedPurposes);
    }

    /**
     * The personal fields of an entry: shown only while they can be opened with the profile's key.
     *
     * @param note what a reader should know, e.g. why they were erased
     */
    public record PersonalFields(State state, String email, String ip, String userAgent, String note) {

        public enum State {
            /** Opened with the profile's key. */
            READABLE,
            /** Sealed, and the key that opens them is gone: erased (crypto-shredded). */
            ERASED,
            /** The change had none. */
            NONE,
            /** Written in the clear, before the ledger sealed its personal fields. */
            UNSEALED
        }

        static PersonalFields erased(final String note) {
            return new PersonalFields(State.ERASED, null, null, null, note);
        }
    }
}
