package io.pixelgate.platform.proof;

import io.pixelgate.events.ConsentLedgerEntry;
import java.util.List;

/**
 * What Kafka holds for one profile's proof, as read from the partitions its key maps to: its
 * ledger entries in log order (an erasure among them as its {@code ERASED} entry) and its sealing key.
 *
 * @param ledgerTopic     the consent-ledger topic, and {@code ledgerPartition} the only partition read
 */
public record ProfileLedger(String profileId, String ledgerTopic, int ledgerPartition, List<LedgerRecord> entries,
                            SealingKey key) {

    public ProfileLedger {
        entries = List.copyOf(entries);
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
}
