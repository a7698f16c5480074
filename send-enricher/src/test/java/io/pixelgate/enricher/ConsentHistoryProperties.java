package io.pixelgate.enricher;

import static io.pixelgate.enricher.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.consent.ConsentStateMachine;
import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentMethod;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import io.pixelgate.events.SendCategory;
import io.pixelgate.events.SendRequest;
import io.pixelgate.events.TrackedSend;
import io.pixelgate.events.TrackingMode;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.schemas.Topics;
import io.pixelgate.testkit.TopologyHarness;
import io.pixelgate.schemas.consent.Consents;
import io.pixelgate.tokens.TokenKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.TreeMap;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;

/**
 * The consent join through the real topology, over generated consent histories (applied by the
 * real consent-events state machine, in a generated arrival order) interleaved with sends in any
 * order: each send is decided by the OPEN_MEASUREMENT decision in force at its requestedAt, among
 * those consent-state had published when the send was processed; arrival order never matters.
 *
 * <p>Not claimed: a change consent-events drops as out of order (older than the state it would
 * change) never reaches consent-state, so no send can be decided by it.
 */
class ConsentHistoryProperties {

    private final TokenKeys keys = TokenKeys.generate("k1");
    private TopologyHarness harness;
    private Topics topics;
    private TestInputTopic<String, ConsentState> consent;
    private TestInputTopic<String, SendRequest> sends;
    private TestOutputTopic<String, TrackedSend> tracked;

    /** One consent change as generated: which purposes, what, when (minutes after T0). */
    record Change(List<Purpose> purposes, ConsentStatus status, int minute, Integer expiresAfterMinutes) {
    }

    /** One arrival: a consent change (index into the changes) or a send stamped at a minute. */
    record Arrival(int change, int sendMinute) {
        boolean isSend() {
            return change < 0;
        }
    }

    @BeforeProperty
    void startDriver() {
        harness = TopologyHarness.start(new SendEnricherApplication(),
                Map.of(CommonSettings.TOKEN_KEYS.key(), keys.toConfigString()));
        topics = harness.topics();
        consent = harness.input(topics.consentState());
        sends = harness.input(topics.sendRequests());
        tracked = harness.output(topics.trackedSends());
    }

    @AfterProperty
    void closeDriver() {
        harness.close();
    }

    @Property(tries = 200)
    void eachSendIsDecidedByTheOpenMeasurementDecisionInForceAtItsTime(
            @ForAll("changes") final List<Change> changes, @ForAll("arrivals") final List<Arrival> arrivals) {
        // a fresh profile per try: tries share one driver
        final String profileId = "p-" + UUID.randomUUID();
        final TreeMap<Instant, PurposeConsent> published = new TreeMap<>();
        ConsentState current = null;
        int sent = 0;
        for (final Arrival arrival : arrivals) {
            if (!arrival.isSend()) {
                if (arrival.change() >= changes.size()) {
                    continue;
                }
                // given consent-events applies the change and publishes the new state, if any
                final ConsentStateMachine.Outcome outcome = ConsentStateMachine.apply(current,
                        change(profileId, arrival.change(), changes.get(arrival.change())), false,
                        T0.plus(Duration.ofDays(1)), T0);
                if (outcome.changed()) {
                    current = outcome.state();
                    consent.pipeInput(profileId, current, T0.plus(Duration.ofDays(1)));
                    Consents.entry(current, Purpose.OPEN_MEASUREMENT).ifPresent(e -> published.put(e.getSince(), e));
                }
                continue;
            }
            // when a send stamped at its minute is processed now
            final Instant requestedAt = T0.plus(Duration.ofMinutes(arrival.sendMinute()));
            sends.pipeInput("m", send(profileId, "m-" + sent++, requestedAt), T0.plus(Duration.ofDays(1)));
            final TrackedSend decided = tracked.readValue();

            // then it is personal exactly when the decision in force at requestedAt is a grant that counts
            final Entry<Instant, PurposeConsent> inForce = published.floorEntry(requestedAt);
            final boolean granted = inForce != null && Consents.counts(inForce.getValue(), requestedAt);
            assertThat(decided.getTrackingMode() == TrackingMode.PERSONAL)
                    .as("personal for a send at %s with %s published", requestedAt, published.values())
                    .isEqualTo(granted);
            if (granted) {
                assertThat(decided.getConsentEventId()).isEqualTo(inForce.getValue().getEventId());
            }
        }
    }

    @Provide
    Arbitrary<List<Change>> changes() {
        final Arbitrary<List<Purpose>> purposes = Arbitraries.of(List.of(Purpose.OPEN_MEASUREMENT),
                List.of(Purpose.ENGAGEMENT_PROFILING), List.of(Purpose.OPEN_MEASUREMENT, Purpose.ENGAGEMENT_PROFILING));
        return Combinators.combine(purposes, Arbitraries.of(ConsentStatus.class), Arbitraries.integers().between(0, 120),
                        Arbitraries.integers().between(1, 90).injectNull(0.7))
                .as(Change::new).list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<Arrival>> arrivals() {
        final Arbitrary<Arrival> consentArrival = Arbitraries.integers().between(0, 5).map(i -> new Arrival(i, 0));
        final Arbitrary<Arrival> sendArrival = Arbitraries.integers().between(0, 150).map(m -> new Arrival(-1, m));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, consentArrival), net.jqwik.api.Tuple.of(1, sendArrival))
                .list().ofMinSize(1).ofMaxSize(14);
    }

    private static ConsentChange change(final String profileId, final int index, final Change change) {
        final Instant occurredAt = T0.plus(Duration.ofMinutes(change.minute()));
        return ConsentChange.newBuilder()
                .setEventId("e-" + index)
                .setProfileId(profileId)
                .setPurposes(new ArrayList<>(change.purposes()))
                .setStatus(change.status())
                .setOccurredAt(occurredAt)
                .setSource("crm")
                .setMethod(ConsentMethod.API)
                .setWordingVersion(change.status() == ConsentStatus.GRANTED ? "tracking-v3" : null)
                .setExpiresAt(change.expiresAfterMinutes() == null ? null
                        : occurredAt.plus(Duration.ofMinutes(change.expiresAfterMinutes())))
                .build();
    }

    private static SendRequest send(final String profileId, final String messageId, final Instant requestedAt) {
        return SendRequest.newBuilder().setMessageId(messageId).setProfileId(profileId).setCampaignId("c")
                .setCategory(SendCategory.MARKETING).setRequestedAt(requestedAt).build();
    }
}
