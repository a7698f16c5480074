package io.pixelgate.aggregator;

import static io.pixelgate.aggregator.Fixtures.campaign;
import static io.pixelgate.aggregator.Fixtures.granted;
import static io.pixelgate.aggregator.Fixtures.message;
import static io.pixelgate.aggregator.Fixtures.open;
import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurgeRecord;
import io.pixelgate.tokens.CampaignIdentity;
import io.pixelgate.tokens.IdentifiedMode;
import io.pixelgate.tokens.PersonalPixel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage limitation (SPEC.md section 1): engagement records and last-open dates expire on their
 * own, by wall-clock time, at most two sweep intervals after their period.
 */
class StorageLimitsTopologyTest {

    private static final Instant SENT = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant OPENED = SENT.plus(Duration.ofHours(1));
    private static final Duration CHECK = Duration.ofHours(1);
    private static final CampaignIdentity SPRING = campaign("spring", null);

    @TempDir
    Path stateDir;

    private AggregatorDriver world;

    @BeforeEach
    void start() {
        // The wall clock starts at the first open.
        world = new AggregatorDriver(stateDir, OPENED, Map.of(
                AggregatorSettings.RETENTION_ENGAGEMENT.key(), "P30D",
                AggregatorSettings.RETENTION_LAST_OPEN.key(), "P90D",
                AggregatorSettings.RETENTION_CHECK.key(), CHECK.toString()));
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private void opens(final String profileId, final IdentifiedMode mode, final Instant at) {
        world.hit(profileId, open(world.token(new PersonalPixel(message(profileId + "-" + mode, profileId, SPRING,
                mode, SENT))), at));
    }

    /** Moves the wall clock to {@code to}, one sweep interval at a time (each advance runs each sweep once). */
    private void wallClockTo(final Instant from, final Instant to) {
        for (Instant now = from; now.isBefore(to); now = now.plus(CHECK)) {
            world.advanceWallClock(CHECK);
        }
    }

    @Test
    void engagementRecordExpiresAfterItsPeriodWithTombstoneAndPurgeRecord() {
        // given p-1 profiled, opened once at OPENED
        world.consent(granted("p-1", SENT.minusSeconds(60), Purpose.OPEN_MEASUREMENT, Purpose.ENGAGEMENT_PROFILING));
        opens("p-1", IdentifiedMode.PERSONAL, OPENED);
        world.engagement.readValuesToList();

        // when 30 days less an hour have passed, the record is still there
        final Instant almost = OPENED.plus(Duration.ofDays(30)).minus(CHECK);
        wallClockTo(OPENED, almost);
        assertThat(world.storedEngagement("p-1")).isNotNull();
        assertThat(world.purgeLog.isEmpty()).isTrue();

        // then within two sweep intervals after the period it is gone
        wallClockTo(almost, OPENED.plus(Duration.ofDays(30)).plus(CHECK.multipliedBy(2)));
        assertThat(world.storedEngagement("p-1")).isNull();
        assertThat(world.engagement.readKeyValuesToList()).containsExactly(KeyValue.pair("p-1", null));
        final PurgeRecord purge = world.purgeLog.readValue();
        assertThat(purge.getReason()).isEqualTo("EXPIRED after P30D (aggregator.retention.engagement)");
        assertThat(purge.getPurposes()).containsExactly(Purpose.ENGAGEMENT_PROFILING);
        assertThat(purge.getPurged()).isEqualTo(Map.of(AggregatorStores.ENGAGEMENT_STORE, 1L,
                "pixelgate.profile-engagement", 1L));
        // Left: the consent, and the message's dedupe entry (bounded by the dedupe horizon instead).
        assertThat(world.keysNaming("p-1")).noneMatch(key -> key.startsWith(AggregatorStores.ENGAGEMENT_STORE)
                || key.startsWith(AggregatorStores.RETENTION_STORE));
    }

    @Test
    void aLaterOpenRenewsTheEngagementPeriod() {
        world.consent(granted("p-1", SENT.minusSeconds(60), Purpose.OPEN_MEASUREMENT, Purpose.ENGAGEMENT_PROFILING));
        opens("p-1", IdentifiedMode.PERSONAL, OPENED);
        final Instant reopened = OPENED.plus(Duration.ofDays(20));
        wallClockTo(OPENED, reopened);
        world.hit("p-1", open(world.token(new PersonalPixel(message("m-2", "p-1", SPRING, IdentifiedMode.PERSONAL,
                reopened.minusSeconds(3600)))), reopened));

        final Instant firstPeriodOver = OPENED.plus(Duration.ofDays(30)).plus(CHECK.multipliedBy(2));
        wallClockTo(reopened, firstPeriodOver);
        assertThat(world.storedEngagement("p-1")).as("renewed by the open of day 20").isNotNull();

        wallClockTo(firstPeriodOver, reopened.plus(Duration.ofDays(30)).plus(CHECK.multipliedBy(2)));
        assertThat(world.storedEngagement("p-1")).isNull();
        assertThat(world.purgeLog.readValuesToList()).extracting(PurgeRecord::getReason)
                .containsExactly("EXPIRED after P30D (aggregator.retention.engagement)");
    }

    @Test
    void lastOpenDateExpiresAfterItsOwnLongerPeriod() {
        // given a deliverability open by p-2, which needs no consent
        opens("p-2", IdentifiedMode.DELIVERABILITY, OPENED);
        world.lastOpen.readValuesToList();

        final Instant engagementPeriodOver = OPENED.plus(Duration.ofDays(31));
        wallClockTo(OPENED, engagementPeriodOver);
        assertThat(world.storedLastOpen("p-2")).isEqualTo(OPENED.toEpochMilli());

        wallClockTo(engagementPeriodOver, OPENED.plus(Duration.ofDays(90)).plus(CHECK.multipliedBy(2)));
        assertThat(world.storedLastOpen("p-2")).isNull();
        assertThat(world.lastOpen.readKeyValuesToList()).containsExactly(KeyValue.pair("p-2", null));
        final PurgeRecord purge = world.purgeLog.readValue();
        assertThat(purge.getReason()).isEqualTo("EXPIRED after P90D (aggregator.retention.last-open)");
        assertThat(purge.getPurposes()).as("deliverability is no consent purpose").isEmpty();
        assertThat(purge.getPurged()).isEqualTo(Map.of(AggregatorStores.LAST_OPEN_STORE, 1L, "pixelgate.last-open", 1L));
        assertThat(world.keysNaming("p-2")).isEmpty();
    }

    @Test
    void theIndexHoldsOneEntryPerProfileAndKindWhateverTheNumberOfOpens() {
        world.consent(granted("p-1", SENT.minusSeconds(60), Purpose.OPEN_MEASUREMENT, Purpose.ENGAGEMENT_PROFILING));
        for (int hour = 0; hour < 5; hour++) {
            world.hit("p-1", open(world.token(new PersonalPixel(message("m-" + hour, "p-1", SPRING,
                    IdentifiedMode.PERSONAL, SENT))), OPENED.plus(Duration.ofMinutes(50L * hour))));
        }

        final List<String> indexed = world.keysNaming("p-1").stream()
                .filter(key -> key.startsWith(AggregatorStores.RETENTION_STORE)).toList();
        assertThat(indexed).hasSize(1);
    }
}
