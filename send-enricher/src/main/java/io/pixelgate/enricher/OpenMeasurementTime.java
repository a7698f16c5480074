package io.pixelgate.enricher;

import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The time from which a consent-state record holds, for the versioned consent table: the
 * {@code since} of its OPEN_MEASUREMENT entry, which is the only purpose a decision reads.
 *
 * <p>Why not the record's own timestamp: a consent-state record is a snapshot of every purpose,
 * written when any of them changes. Stamped with the time of the change that caused it, a late
 * withdrawal of OPEN_MEASUREMENT (stamped 10:10) that arrives after a newer change of another purpose
 * (10:30) would leave the 10:30 snapshot, which still shows the grant, in force after 10:30. Stamped
 * with OPEN_MEASUREMENT's own {@code since}, each version of the table is one OPEN_MEASUREMENT
 * decision at the instant it took effect, whatever the arrival order.
 *
 * <p>Bounds, so that no version is lost or refused:
 * <ul>
 *   <li>not earlier than 90% of the history retention before the newest consent time seen on the
 *       partition: the versioned store silently drops older versions, and a dropped withdrawal would
 *       leave a grant in force. Such a late change takes effect from that bound instead of its own
 *       time (sends stamped between the two are judged without it).</li>
 *   <li>a snapshot with no OPEN_MEASUREMENT entry takes that lower bound: it holds no grant, and
 *       must never hide a version with one.</li>
 *   <li>not later than now: a changelog record more than an hour ahead of the broker's clock is
 *       refused ({@code message.timestamp.after.max.ms}); a change dated in the future takes effect now.</li>
 * </ul>
 */
public final class OpenMeasurementTime implements TimestampExtractor {

    private final long lateBoundMs;
    private final Clock clock;

    public OpenMeasurementTime(final Duration historyRetention, final Clock clock) {
        this.lateBoundMs = historyRetention.toMillis() / 10 * 9;
        this.clock = clock;
    }

    @Override
    public long extract(final ConsumerRecord<Object, Object> record, final long partitionTime) {
        final long floor = partitionTime < 0 ? 0 : Math.max(0, partitionTime - lateBoundMs);
        final long heldFrom;
        if (record.value() instanceof OpenMeasurementConsent consent) {
            heldFrom = consent.entry() == null ? floor : consent.entry().getSince().toEpochMilli();
        } else {
            // a tombstone (the profile's consent erased): from the time it was written
            heldFrom = record.timestamp();
        }
        return Math.min(Math.max(heldFrom, floor), Math.max(floor, clock.millis()));
    }
}
