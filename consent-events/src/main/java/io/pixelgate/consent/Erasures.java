package io.pixelgate.consent;

import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentLedgerEntry;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.ErasureRequest;
import io.pixelgate.events.LedgerEffect;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurgeRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an erasure request leaves behind as proof (SPEC.md section 1, Erasure), as plain functions:
 * a ledger entry that is only a skeleton (no personal field, not even the request's free-text
 * reason) and a purge-log record that names what was removed.
 */
public final class Erasures {

    private static final List<Purpose> ALL_PURPOSES = List.of(Purpose.values());

    private Erasures() {
    }

    /** What one erasure found and removed in consent-events. */
    public record Removed(boolean state, int seenChanges, boolean key) {
    }

    /**
     * The ERASED ledger entry of {@code request}: a change with the request's id as eventId, its
     * source and requestedAt, every purpose, WITHDRAWN (nothing is granted after it), no wording.
     */
    public static ConsentLedgerEntry ledger(final ErasureRequest request, final Instant receivedAt, final Instant now) {
        final ConsentChange skeleton = ConsentChange.newBuilder()
                .setEventId(request.getRequestId())
                .setProfileId(request.getProfileId())
                .setPurposes(ALL_PURPOSES)
                .setStatus(ConsentStatus.WITHDRAWN)
                .setOccurredAt(request.getRequestedAt())
                .setSource(request.getSource())
                .build();
        return ConsentStateMachine.ledger(skeleton, receivedAt, now, LedgerEffect.ERASED, ALL_PURPOSES);
    }

    /**
     * Whether {@code change} occurred at or before the profile's last erasure ({@code erasedAtMs}, the
     * request's arrival; null when the profile was never erased). Such a change is from before the
     * erasure, replayed or late, and must not bring back what the erasure removed; a change that
     * occurred after it is new input, from nothing.
     */
    public static boolean precedes(final ConsentChange change, final Long erasedAtMs) {
        return erasedAtMs != null && change.getOccurredAt().toEpochMilli() <= erasedAtMs;
    }

    /**
     * The ledger entry of a change that {@link #precedes} the profile's erasure: OUT_OF_ORDER (older
     * than what replaced it, the erasure), without its personal fields, which are not kept at all.
     */
    public static ConsentLedgerEntry beforeErasure(final ConsentChange change, final Instant receivedAt,
                                                   final Instant now) {
        final ConsentChange skeleton = ConsentChange.newBuilder(change).setEmail(null).setEvidence(null).build();
        return ConsentStateMachine.ledger(skeleton, receivedAt, now, LedgerEffect.OUT_OF_ORDER, List.of());
    }

    /**
     * The purge-log record of {@code request}: reason {@code ERASED by request <id>}, and per store
     * and topic the entries removed (a tombstone counts one, written even when nothing was there).
     */
    public static PurgeRecord purge(final ErasureRequest request, final Removed removed, final String stateTopic,
                                    final String keyTopic, final Instant now) {
        final Map<String, Long> purged = new LinkedHashMap<>();
        purged.put(ConsentStores.STATE_STORE, removed.state() ? 1L : 0L);
        purged.put(ConsentStores.SEEN_STORE, (long) removed.seenChanges());
        purged.put(ConsentStores.KEY_STORE, removed.key() ? 1L : 0L);
        purged.put(stateTopic, 1L);
        purged.put(keyTopic, 1L);
        return PurgeRecord.newBuilder()
                .setProfileId(request.getProfileId())
                .setPurposes(ALL_PURPOSES)
                .setReason("ERASED by request " + request.getRequestId())
                .setConsentEventId(request.getRequestId())
                .setPurgedAt(now)
                .setPurged(purged)
                .build();
    }
}
