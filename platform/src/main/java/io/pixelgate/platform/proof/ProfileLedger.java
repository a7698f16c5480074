package io.pixelgate.platform.proof;

import io.pixelgate.events.ConsentLedgerEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What Kafka holds for one profile's proof, as read from the partitions its key maps to: its
 * ledger entries in log order, its sealing key and the erasures consent-state still shows.
 *
 * @param ledgerTopic     the consent-ledger topic, and {@code ledgerPartition} the only partition read
 * @param erasures        the erasure tombstones consent-state still holds for the profile, oldest
 *                        first (compaction removes older ones in time)
 * @param erasedNow       whether the profile's latest consent-state record is an erasure tombstone
 */
public record ProfileLedger(String profileId, String ledgerTopic, int ledgerPartition, List<LedgerRecord> entries,
                            SealingKey key, List<Erasure> erasures, boolean erasedNow) {

    public ProfileLedger {
        entries = List.copyOf(entries);
        erasures = List.copyOf(erasures);
    }

    /** The latest erasure known, if any. */
    public Optional<Erasure> latestErasure() {
        return erasures.isEmpty() ? Optional.empty() : Optional.of(erasures.get(erasures.size() - 1));
    }

    /** One ledger entry and where it is in the log: its partition and offset identify the receipt. */
    public record LedgerRecord(int partition, long offset, ConsentLedgerEntry entry) {
    }

    /**
     * The profile's latest record on profile-keys: a key, a tombstone (erased), or nothing (never
     * written, or its tombstone already compacted away).
     */
    public record SealingKey(State state, byte[] key) {

        public enum State { PRESENT, DELETED, MISSING }

        public static SealingKey present(final byte[] key) {
            return new SealingKey(State.PRESENT, key.clone());
        }

        public static SealingKey deleted() {
            return new SealingKey(State.DELETED, null);
        }

        public static SealingKey missing() {
            return new SealingKey(State.MISSING, null);
        }

        @Override
        public byte[] key() {
            return key == null ? null : key.clone();
        }
    }

    /**
     * An erasure read from consent-state: a tombstone for the profile (nothing else writes one).
     *
     * @param requestId the erasure request named in the tombstone's header, when it has one
     */
    public record Erasure(Instant at, Optional<String> requestId) {
    }
}
