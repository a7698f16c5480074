package io.pixelgate.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.ConsentLedgerEntry;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.LedgerEffect;
import io.pixelgate.events.Purpose;
import io.pixelgate.schemas.Topics;
import io.pixelgate.schemas.consent.Consents;
import io.pixelgate.testkit.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code consent-seen-events} forgets a change {@code consent.seen.retention} after its arrival
 * (here two days), by wall-clock time; a replay after that still changes nothing.
 */
class SeenRetentionTest {

    private static final Instant NOON = Instant.parse("2026-11-22T12:00:00Z");

    private TopologyHarness harness;
    private TestInputTopic<String, byte[]> changes;
    private TestOutputTopic<String, ConsentState> state;
    private TestOutputTopic<String, ConsentLedgerEntry> ledger;
    private KeyValueStore<String, Long> seen;

    @BeforeEach
    void startDriver() {
        harness = TopologyHarness.start(new ConsentEventsApplication(),
                Map.of(ConsentSettings.SEEN_RETENTION.key(), "P2D"), NOON);
        final Topics topics = harness.topics();
        changes = harness.rawInput(topics.consentChanges());
        state = harness.output(topics.consentState());
        ledger = harness.output(topics.consentLedger());
        seen = harness.store(ConsentStores.SEEN_STORE);
    }

    @AfterEach
    void closeDriver() {
        harness.close();
    }

    @Test
    void aChangeIsRememberedUntilTheRetentionAfterItsArrivalAndThenForgotten() {
        send("crm-1", "GRANTED", "2026-11-22T11:00:00Z", NOON);
        send("crm-2", "GRANTED", "2026-11-22T11:00:00Z", NOON.plus(Duration.ofDays(1)));

        harness.driver().advanceWallClockTime(Duration.ofDays(2).plusHours(1));

        // crm-1 arrived more than two days ago, crm-2 one day ago
        assertThat(seen.get(ConsentStores.seenKey("p-1", "crm-1"))).isNull();
        assertThat(seen.get(ConsentStores.seenKey("p-1", "crm-2"))).isEqualTo(NOON.plus(Duration.ofDays(1)).toEpochMilli());
    }

    @Test
    void aReplayWithinTheRetentionIsADuplicateAndOneAfterItIsOutOfOrderAndChangesNothing() {
        send("crm-1", "GRANTED", "2026-11-22T11:00:00Z", NOON);
        send("crm-1", "GRANTED", "2026-11-22T11:00:00Z", NOON.plus(Duration.ofDays(1)));
        harness.driver().advanceWallClockTime(Duration.ofDays(3));

        // the change still holds in the state: recognised by its eventId
        send("crm-1", "GRANTED", "2026-11-22T11:00:00Z", NOON.plus(Duration.ofDays(3)));

        assertThat(ledger.readValuesToList()).extracting(ConsentLedgerEntry::getEffect)
                .containsExactly(LedgerEffect.APPLIED, LedgerEffect.DUPLICATE, LedgerEffect.OUT_OF_ORDER);
        assertThat(state.readValuesToList()).hasSize(1);
    }

    @Test
    void aForgottenReplayOfAReplacedChangeDoesNotUndoWhatReplacedIt() {
        send("crm-1", "GRANTED", "2026-11-22T11:00:00Z", NOON);
        send("page-1", "WITHDRAWN", "2026-11-22T11:30:00Z", NOON.plusSeconds(60));
        harness.driver().advanceWallClockTime(Duration.ofDays(3));

        send("crm-1", "GRANTED", "2026-11-22T11:00:00Z", NOON.plus(Duration.ofDays(3)));

        final List<ConsentLedgerEntry> entries = ledger.readValuesToList();
        assertThat(entries.get(entries.size() - 1).getEffect()).isEqualTo(LedgerEffect.OUT_OF_ORDER);
        final ConsentState current = harness.<String, ConsentState>store(ConsentStores.STATE_STORE).get("p-1");
        assertThat(Consents.entry(current, Purpose.OPEN_MEASUREMENT).orElseThrow().getStatus())
                .isEqualTo(ConsentStatus.WITHDRAWN);
    }

    @Test
    void aForgottenReplayOfAGrantStampedAheadCannotOutlastAWithdrawalMadeAfterItFirstArrived() {
        // given a grant stamped ten minutes ahead (effective at its arrival, noon), then a
        // withdrawal made at 12:05
        send("crm-1", "GRANTED", "2026-11-22T12:10:00Z", NOON);
        send("page-1", "WITHDRAWN", "2026-11-22T12:05:00Z", NOON.plusSeconds(300));
        harness.driver().advanceWallClockTime(Duration.ofDays(3));

        // when the grant is replayed after it was forgotten: its occurredAt is later than the withdrawal
        send("crm-1", "GRANTED", "2026-11-22T12:10:00Z", NOON.plus(Duration.ofDays(3)));

        // then it is ordered no later than it could have arrived first, and loses
        final List<ConsentLedgerEntry> entries = ledger.readValuesToList();
        assertThat(entries.get(entries.size() - 1).getEffect()).isEqualTo(LedgerEffect.OUT_OF_ORDER);
        final ConsentState current = harness.<String, ConsentState>store(ConsentStores.STATE_STORE).get("p-1");
        assertThat(Consents.entry(current, Purpose.OPEN_MEASUREMENT).orElseThrow().getStatus())
                .isEqualTo(ConsentStatus.WITHDRAWN);
    }

    private void send(final String eventId, final String status, final String occurredAt, final Instant arrival) {
        changes.pipeInput("p-1", ConsentTopologyTest.json(eventId, "p-1", status, occurredAt, "[\"OPEN_MEASUREMENT\"]")
                .getBytes(StandardCharsets.UTF_8), arrival);
    }
}
