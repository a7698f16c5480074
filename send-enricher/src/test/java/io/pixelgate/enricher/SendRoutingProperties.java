package io.pixelgate.enricher;

import static io.pixelgate.enricher.Fixtures.EDGE;
import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.ConsentState;
import io.pixelgate.events.SendRequest;
import io.pixelgate.events.TrackedSend;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.testkit.TopologyHarness;
import io.pixelgate.tokens.TokenKeys;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.streams.TestInputTopic;

/**
 * Joining a send where it is read, when it is keyed by its profileId in that key's partition, is
 * an optimisation only: over any history of consent changes and sends, keyed by profileId or by
 * messageId, the in-place topology writes exactly the tracked sends the shuffle-everything one
 * writes, and takes the fast route for exactly the sends keyed by their own profileId. (A driver
 * reads every record from partition 0 of one-partition topics, where every key is in place; sends
 * in the wrong partition of a real topic are {@code SendEnricherBrokerTest}'s.)
 */
class SendRoutingProperties {

    private static final TokenKeys KEYS = TokenKeys.generate("k1");
    private static final List<String> PROFILES = List.of("p-ada", "p-bob", "p-cy");

    /** A consent change or a send, in the order they are produced. */
    private sealed interface Event permits Consent, Send {
    }

    private record Consent(String profileId, ConsentState state, Instant at) implements Event {
    }

    private record Send(SendRequest send, boolean keyedByProfile) implements Event {
    }

    @Property(tries = 60)
    void sendsJoinedInPlaceAreDecidedExactlyAsShuffledOnes(@ForAll("histories") final List<Event> history) {
        final Run shuffled = run(history, UnaryOperator.identity());
        final Run inPlace = run(history, settings -> settings.withSendsInPlace(1));

        assertThat(inPlace.tracked()).isEqualTo(shuffled.tracked());
        final long keyedByProfile = history.stream().filter(e -> e instanceof Send send && send.keyedByProfile()).count();
        assertThat(inPlace.routes()).containsEntry(SendRoute.IN_PLACE, (double) keyedByProfile)
                .containsEntry(SendRoute.SHUFFLED, (double) (history.stream().filter(Send.class::isInstance).count()
                        - keyedByProfile));
        assertThat(shuffled.routes()).containsEntry(SendRoute.IN_PLACE, 0.0);
    }

    /**
     * The tracked sends written, by messageId, as JSON text (Avro's equals cannot compare the
     * optional timestamps of two differing records), and how many sends took each route.
     */
    private record Run(Map<String, String> tracked, Map<SendRoute, Double> routes) {
    }

    private static Run run(final List<Event> history, final UnaryOperator<EnricherSettings> learned) {
        try (TopologyHarness harness = TopologyHarness.start(new SendEnricherApplication(), Map.of(
                CommonSettings.TOKEN_KEYS.key(), KEYS.toConfigString(),
                CommonSettings.EDGE_PUBLIC_URL.key(), EDGE), Instant.now(), learned)) {
            final TestInputTopic<String, SendRequest> sends = harness.input(harness.topics().sendRequests());
            final TestInputTopic<String, ConsentState> consent = harness.input(harness.topics().consentState());
            for (final Event event : history) {
                if (event instanceof Consent change) {
                    consent.pipeInput(change.profileId(), change.state(), change.at());
                } else if (event instanceof Send send) {
                    final SendRequest request = send.send();
                    sends.pipeInput(send.keyedByProfile() ? request.getProfileId() : request.getMessageId(), request,
                            request.getRequestedAt());
                }
            }
            final Map<String, String> tracked = new LinkedHashMap<>();
            harness.output(harness.topics().trackedSends()).readValuesToList()
                    // decidedAt is the wall clock of the decision, the one field that may differ between runs
                    .forEach(send -> tracked.put(send.getMessageId(),
                            TrackedSend.newBuilder(send).setDecidedAt(Instant.EPOCH).build().toString()));
            final Map<SendRoute, Double> routes = new LinkedHashMap<>();
            for (final SendRoute route : SendRoute.values()) {
                routes.put(route, Fixtures.routed(harness.runtime().meters(), route));
            }
            return new Run(tracked, routes);
        }
    }

    @Provide
    Arbitrary<List<Event>> histories() {
        final Arbitrary<String> profiles = Arbitraries.of(PROFILES);
        final Arbitrary<Event> consent = Combinators.combine(profiles, Generators.consentStates().filter(s -> s != null),
                        Generators.instants())
                .as((profileId, state, at) -> new Consent(profileId,
                        ConsentState.newBuilder(state).setProfileId(profileId).build(), at));
        final Arbitrary<Event> send = Combinators.combine(Generators.sends(), profiles, Arbitraries.of(true, false))
                .as((request, profileId, keyedByProfile) -> new Send(
                        SendRequest.newBuilder(request).setProfileId(profileId).build(), keyedByProfile));
        return Arbitraries.oneOf(consent, send).list().ofMinSize(1).ofMaxSize(25)
                .filter(events -> events.stream().map(e -> e instanceof Send s ? s.send().getMessageId() : null)
                        .filter(id -> id != null).distinct().count()
                        == events.stream().filter(Send.class::isInstance).count());
    }
}
