package io.pixelgate.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.ConsentLedgerEntry;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.LedgerEffect;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import io.pixelgate.events.RejectedRecord;
import io.pixelgate.schemas.Topics;
import io.pixelgate.schemas.consent.Consents;
import io.pixelgate.testkit.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.streams.TestInputTopic;

/**
 * The consent rules under hostile or merely careless input (SPEC.md sections 1 and 5), as
 * properties over generated runs of the real topology: clocks that run ahead or behind, changes
 * stamped far ahead or before 1970, oversized fields, duplicate keys, bytes that are not UTF-8 or
 * not a value at all.
 */
class ConsentTrustProperties {

    private static final Instant NOON = Instant.parse("2026-11-22T12:00:00Z");

    @Property(tries = 80)
    void aWithdrawalReceivedAfterAGrantAlwaysWinsOverItWhateverTheGrantsStamp(
            @ForAll("grantSkews") final Duration grantSkew, @ForAll("delays") final Duration withdrawalDelay,
            @ForAll("fractions") final double madeAt, @ForAll final boolean withDependants) {
        // given a grant received at noon, stamped by a clock anywhere from three hours behind to the
        // largest skew accepted ahead
        final String purposes = withDependants ? "[\"OPEN_MEASUREMENT\",\"ENGAGEMENT_PROFILING\",\"CROSS_CHANNEL\"]"
                : "[\"OPEN_MEASUREMENT\"]";
        final Instant withdrawalReceived = NOON.plus(withdrawalDelay);
        // and a withdrawal made after the grant arrived, received later still
        final Instant withdrawalMade = NOON.plusMillis((long) (withdrawalDelay.toMillis() * madeAt));
        final List<Input> inputs = List.of(
                new Input(change("grant", "GRANTED", NOON.plus(grantSkew), purposes), NOON),
                new Input(change("withdrawal", "WITHDRAWN", withdrawalMade, "[\"OPEN_MEASUREMENT\"]"), withdrawalReceived));

        final Run run = Run.of(inputs);

        // then nothing stays granted, at any instant after the withdrawal arrived
        assertThat(run.rejected()).isEmpty();
        for (final Purpose purpose : Purpose.values()) {
            assertThat(Consents.granted(run.finalState(), purpose, withdrawalReceived)).isFalse();
            assertThat(Consents.granted(run.finalState(), purpose, withdrawalReceived.plus(Duration.ofDays(1)))).isFalse();
        }
    }

    @Property(tries = 40)
    void reprocessingTheSameInputGivesTheSameState(@ForAll("runs") final List<Input> inputs) {
        final Run first = Run.of(inputs);
        final Run second = Run.of(inputs);

        assertThat(entries(second.finalState())).isEqualTo(entries(first.finalState()));
        assertThat(second.ledger()).extracting(ConsentLedgerEntry::getEffect)
                .isEqualTo(first.ledger().stream().map(ConsentLedgerEntry::getEffect).toList());
        assertThat(second.rejected()).extracting(RejectedRecord::getReason)
                .isEqualTo(first.rejected().stream().map(RejectedRecord::getReason).toList());
    }

    @Property(tries = 80)
    void everyRecordEndsInTheLedgerOrInRejectedAndNothingIsGrantedWithoutAnAcceptedGrant(
            @ForAll("runs") final List<Input> inputs) {
        final Run run = Run.of(inputs);

        // exactly one of the two for every input record
        assertThat(run.ledger().size() + run.rejected().size()).isEqualTo(inputs.size());
        // and every grant in any state written is backed by a ledger entry of an accepted grant of that purpose
        for (final ConsentState state : run.states()) {
            for (final PurposeConsent entry : state.getPurposes()) {
                if (entry.getStatus() == ConsentStatus.GRANTED) {
                    assertThat(run.ledger()).anySatisfy(ledgered -> {
                        assertThat(ledgered.getChange().getEventId()).isEqualTo(entry.getEventId());
                        assertThat(ledgered.getEffect()).isEqualTo(LedgerEffect.APPLIED);
                        assertThat(ledgered.getChange().getStatus()).isEqualTo(ConsentStatus.GRANTED);
                        assertThat(ledgered.getAppliedPurposes()).contains(entry.getPurpose());
                    });
                }
            }
        }
    }

    @Provide
    Arbitrary<Duration> grantSkews() {
        return Arbitraries.longs().between(-3 * 3600, 15 * 60).map(Duration::ofSeconds);
    }

    @Provide
    Arbitrary<Duration> delays() {
        return Arbitraries.longs().between(1, 2 * 3600).map(Duration::ofSeconds);
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, 1);
    }

    /** Runs of one profile's records: mostly well formed, some hostile, with clocks ahead and behind. */
    @Provide
    Arbitrary<List<Input>> runs() {
        final Arbitrary<Input> valid = Combinators.combine(
                Arbitraries.of("GRANTED", "DENIED", "WITHDRAWN"),
                Arbitraries.of("[\"OPEN_MEASUREMENT\"]", "[\"ENGAGEMENT_PROFILING\"]",
                        "[\"OPEN_MEASUREMENT\",\"CROSS_CHANNEL\"]"),
                Arbitraries.longs().between(-3 * 3600, 14 * 60),
                Arbitraries.longs().between(0, 3 * 3600),
                Arbitraries.integers().between(0, 6))
            .as((status, purposes, skew, arrival, id) -> new Input(change("e" + id, status,
                    NOON.plusSeconds(arrival + skew), purposes), NOON.plusSeconds(arrival)));
        final Arbitrary<Input> hostile = Combinators.combine(Arbitraries.of(Hostile.values()),
                        Arbitraries.longs().between(0, 3 * 3600))
                .as((kind, arrival) -> new Input(kind.bytes(NOON.plusSeconds(arrival)), NOON.plusSeconds(arrival)));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, valid), net.jqwik.api.Tuple.of(1, hostile))
                .list().ofMinSize(1).ofMaxSize(10)
                .map(list -> list.stream().sorted((a, b) -> a.receivedAt().compareTo(b.receivedAt()))
                        .collect(Collectors.toList()));
    }

    /** Kinds of input a careless or hostile producer sends. */
    enum Hostile {
        HUGE_PROFILE_ID, FAR_AHEAD, BEFORE_1970, DUPLICATE_STATUS, NOT_UTF8, NOT_A_VALUE, HUGE_PURPOSE_LIST;

        byte[] bytes(final Instant received) {
            return switch (this) {
                case HUGE_PROFILE_ID -> utf8(change("h1", "GRANTED", received, "[\"OPEN_MEASUREMENT\"]")
                        .replace("\"profileId\":\"p-1\"", "\"profileId\":\"" + "p".repeat(5000) + "\""));
                case FAR_AHEAD -> utf8(change("h2", "GRANTED", received.plus(Duration.ofHours(5)),
                        "[\"OPEN_MEASUREMENT\"]"));
                case BEFORE_1970 -> utf8(change("h3", "GRANTED", Instant.parse("1969-12-31T23:00:00Z"),
                        "[\"OPEN_MEASUREMENT\"]"));
                case DUPLICATE_STATUS -> utf8(change("h4", "WITHDRAWN", received, "[\"OPEN_MEASUREMENT\"]")
                        .replace("\"status\":\"WITHDRAWN\"", "\"status\":\"WITHDRAWN\",\"status\":\"GRANTED\""));
                case NOT_UTF8 -> {
                    final byte[] bytes = utf8(change("h5", "GRANTED", received, "[\"OPEN_MEASUREMENT\"]"));
                    bytes[bytes.length - 3] = (byte) 0xFE;
                    yield bytes;
                }
                case NOT_A_VALUE -> new byte[] {(byte) 0xCA, (byte) 0xFE, 0x00};
                case HUGE_PURPOSE_LIST -> utf8(change("h6", "GRANTED", received,
                        "[" + "\"OPEN_MEASUREMENT\",".repeat(500) + "\"CROSS_CHANNEL\"]"));
            };
        }
    }

    private static String change(final String eventId, final String status, final Instant occurredAt,
                                 final String purposes) {
        return "{\"eventId\":\"" + eventId + "\",\"profileId\":\"p-1\",\"purposes\":" + purposes + ",\"status\":\""
                + status + "\",\"occurredAt\":\"" + occurredAt + "\",\"source\":\"crm\",\"wordingVersion\":\"v1\"}";
    }

    private static List<String> entries(final ConsentState state) {
        return state == null ? List.of() : state.getPurposes().stream()
                .map(e -> e.getPurpose() + ":" + e.getStatus() + ":" + e.getEventId() + ":" + e.getSince())
                .sorted().toList();
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** One input record: its value and when the cluster received it. */
    record Input(byte[] value, Instant receivedAt) {
        Input(final String json, final Instant receivedAt) {
            this(utf8(json), receivedAt);
        }

        @Override
        public String toString() {
            final String text = new String(value, StandardCharsets.UTF_8);
            return (text.length() > 160 ? text.substring(0, 160) + "..." : text) + " received " + receivedAt;
        }
    }

    /** One run of the real topology over some inputs, and everything it wrote. */
    record Run(List<ConsentState> states, List<ConsentLedgerEntry> ledger, List<RejectedRecord> rejected) {

        ConsentState finalState() {
            return states.isEmpty() ? null : states.get(states.size() - 1);
        }

        static Run of(final List<Input> inputs) {
            try (TopologyHarness harness = TopologyHarness.start(new ConsentEventsApplication(), Map.of())) {
                final Topics topics = harness.topics();
                final TestInputTopic<String, byte[]> input = harness.rawInput(topics.consentChanges());
                for (final Input record : new ArrayList<>(inputs)) {
                    input.pipeInput("p-1", record.value(), record.receivedAt());
                }
                return new Run(
                        harness.output(topics.consentState()).readValuesToList(),
                        harness.output(topics.consentLedger()).readValuesToList(),
                        harness.output(topics.rejected()).readValuesToList());
            }
        }
    }
}
