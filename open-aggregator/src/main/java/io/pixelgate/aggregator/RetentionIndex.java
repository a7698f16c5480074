package io.pixelgate.aggregator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The per-profile records kept under a storage limit (SPEC.md section 1), by when they were last
 * written, so that the retention sweep reads only the entries that are due instead of every record.
 *
 * <p>Key {@code KIND\0time\0profile}, value the profile id. The time is the record's time rounded
 * up to the granularity (the sweep interval): a record written again within the same step keeps its
 * entry, so a hit costs an index write at most once per step and profile; a later step replaces the
 * entry. There is one entry per profile and kind, found from the record alone (an erasure needs no
 * scan). Rounding up means an entry is never due before its record: a record goes at most one step
 * after its period, plus the sweep interval until the sweep sees it.
 */
final class RetentionIndex {

    /** What is kept under a limit. */
    enum Kind {
        ENGAGEMENT, LAST_OPEN
    }

    /** An entry the sweep found due: the profile, and the time step its record was indexed under. */
    record Due(Kind kind, String profileId, String key) {
    }

    private final KeyValueStore<String, String> store;
    private final long step;

    RetentionIndex(final KeyValueStore<String, String> store, final Duration step) {
        this.store = store;
        this.step = step.toMillis();
    }

    /** Keeps the index in step with a record written at {@code after} that was last written at {@code before}. */
    void written(final Kind kind, final String profileId, final Long before, final long after) {
        final String key = key(kind, profileId, after);
        if (before != null) {
            final String old = key(kind, profileId, before);
            if (old.equals(key)) {
                return;
            }
            store.delete(old);
        }
        store.put(key, profileId);
    }

    /** Forgets the entry of a record last written at {@code at}, which is going. */
    void removed(final Kind kind, final String profileId, final long at) {
        store.delete(key(kind, profileId, at));
    }

    /** Forgets an entry the sweep found. */
    void removed(final Due due) {
        store.delete(due.key());
    }

    /** Whether {@code due} is the entry of a record last written at {@code at} (else it is stale). */
    boolean indexes(final Due due, final long at) {
        return due.key().equals(key(due.kind(), due.profileId(), at));
    }

    /** The entries of records of {@code kind} written at or before {@code writtenBy}. */
    List<Due> due(final Kind kind, final long writtenBy) {
        final List<Due> due = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = store.range(prefix(kind) + AggregatorStores.timeKey(0, ""),
                prefix(kind) + AggregatorStores.dueBy(writtenBy))) {
            entries.forEachRemaining((KeyValue<String, String> entry) -> due.add(new Due(kind, entry.value,
                    entry.key)));
        }
        return due;
    }

    private String key(final Kind kind, final String profileId, final long at) {
        final long roundedUp = Math.floorDiv(at, step) * step + (Math.floorMod(at, step) == 0 ? 0 : step);
        return prefix(kind) + AggregatorStores.timeKey(roundedUp, profileId);
    }

    private static String prefix(final Kind kind) {
        return kind.name() + '\u0000';
    }
}
