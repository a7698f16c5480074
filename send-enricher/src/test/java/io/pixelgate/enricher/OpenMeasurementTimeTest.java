package io.pixelgate.enricher;

import static io.pixelgate.enricher.Fixtures.T0;
import static io.pixelgate.enricher.Fixtures.entry;
import static io.pixelgate.enricher.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Purpose;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class OpenMeasurementTimeTest {

    private static final Duration RETENTION = Duration.ofDays(10);
    private final OpenMeasurementTime extractor = new OpenMeasurementTime(RETENTION,
            Clock.fixed(T0.plus(Duration.ofDays(30)), ZoneOffset.UTC));

    @Test
    void consentHoldsFromItsOpenMeasurementSinceNotFromWhenItWasWritten() {
        final ConsentState withdrawn = state("p", entry(Purpose.OPEN_MEASUREMENT, ConsentStatus.WITHDRAWN, T0, "e-1"),
                entry(Purpose.ENGAGEMENT_PROFILING, ConsentStatus.GRANTED, T0.plusSeconds(900), "e-2"));

        assertThat(extract(withdrawn, T0.plusSeconds(3600).toEpochMilli(), T0.plusSeconds(1800).toEpochMilli()))
                .isEqualTo(T0.toEpochMilli());
    }

    @Test
    void aChangeOlderThanTheHistoryKeepsWithinItInsteadOfBeingDropped() {
        final long newest = T0.plus(Duration.ofDays(20)).toEpochMilli();
        final ConsentState old = state("p", entry(Purpose.OPEN_MEASUREMENT, ConsentStatus.WITHDRAWN, T0, "e-1"));

        assertThat(extract(old, newest, newest)).isEqualTo(newest - RETENTION.toMillis() / 10 * 9);
    }

    @Test
    void aStateWithoutOpenMeasurementHoldsFromTheEarliestTimeKeptSoItNeverHidesAGrant() {
        final long newest = T0.plus(Duration.ofDays(20)).toEpochMilli();
        final ConsentState profilingOnly = state("p", entry(Purpose.ENGAGEMENT_PROFILING, ConsentStatus.GRANTED,
                T0.plus(Duration.ofDays(20)), "e-1"));

        assertThat(extract(profilingOnly, newest, newest)).isEqualTo(newest - RETENTION.toMillis() / 10 * 9);
        assertThat(extract(profilingOnly, newest, -1)).isZero();
    }

    @Test
    void consentDatedInTheFutureHoldsFromNow() {
        final ConsentState future = state("p", entry(Purpose.OPEN_MEASUREMENT, ConsentStatus.GRANTED,
                T0.plus(Duration.ofDays(400)), "e-1"));

        assertThat(extract(future, T0.toEpochMilli(), -1)).isEqualTo(T0.plus(Duration.ofDays(30)).toEpochMilli());
    }

    @Test
    void anErasureHoldsFromWhenItWasWritten() {
        assertThat(extract(null, T0.toEpochMilli(), T0.minusSeconds(60).toEpochMilli())).isEqualTo(T0.toEpochMilli());
    }

    /** The time of {@code value} (null: a tombstone) as the versioned table reads it, reduced to what it keeps. */
    private long extract(final ConsentState value, final long recordTimestamp, final long partitionTime) {
        final ConsumerRecord<Object, Object> record = new ConsumerRecord<>("consent-state", 0, 0, recordTimestamp,
                TimestampType.CREATE_TIME, 0, 0, "p", value == null ? null : OpenMeasurementConsent.of(value),
                new RecordHeaders(), Optional.empty());
        return extractor.extract(record, partitionTime);
    }
}
