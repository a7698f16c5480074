package io.pixelgate.enricher;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ProjectSettings;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import io.pixelgate.events.SendCategory;
import io.pixelgate.events.SendRequest;
import io.pixelgate.events.TrackingMode;
import io.pixelgate.events.TrackingPolicy;
import io.pixelgate.schemas.consent.Consents;
import io.pixelgate.schemas.registry.InMemorySchemaRegistry;
import io.pixelgate.schemas.serde.ConfluentAvroSerde;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The privacy rules of SPEC.md section 1 over generated sends, consent states and settings. */
class TrackingDecisionProperties {

    private final OpenMeasurementSerde versions =
            new OpenMeasurementSerde(new ConfluentAvroSerde<>(ConsentState.class, new InMemorySchemaRegistry()));

    @Property(tries = 1000)
    void neverPersonalWithoutOpenMeasurementGrantedAsOfRequestedAtUnlessPolicyAlways(
            @ForAll("sends") final SendRequest send, @ForAll("consents") final ConsentState consent,
            @ForAll("settings") final ProjectSettings settings) {
        final TrackingDecision decision = TrackingDecision.decide(send, consent, settings);

        if (decision.mode() == TrackingMode.PERSONAL && policy(settings) != TrackingPolicy.ALWAYS) {
            final PurposeConsent open = Consents.entry(consent, Purpose.OPEN_MEASUREMENT).orElseThrow();
            assertThat(open.getSince()).isBeforeOrEqualTo(send.getRequestedAt());
            assertThat(Consents.granted(consent, Purpose.OPEN_MEASUREMENT, send.getRequestedAt())).isTrue();
            assertThat(decision.consentEventId()).isEqualTo(open.getEventId());
            assertThat(decision.reason()).isEqualTo(DecisionReason.CONSENT_GRANTED);
        }
    }

    @Property(tries = 1000)
    void grantedOpenMeasurementAsOfRequestedAtIsPersonalUnderTheDefaultPolicy(
            @ForAll("sends") final SendRequest send, @ForAll("consents") final ConsentState consent) {
        final Optional<PurposeConsent> open = Consents.entry(consent, Purpose.OPEN_MEASUREMENT);
        final boolean grantedThen = open.isPresent() && !open.get().getSince().isAfter(send.getRequestedAt())
                && Consents.granted(consent, Purpose.OPEN_MEASUREMENT, send.getRequestedAt());

        final TrackingDecision decision = TrackingDecision.decide(send, consent, null);

        if (send.getCategory() != SendCategory.CONSENT_REQUEST) {
            assertThat(decision.mode() == TrackingMode.PERSONAL).isEqualTo(grantedThen);
        }
    }

    @Property(tries = 1000)
    void consentRequestIsAlwaysNone(@ForAll("sends") final SendRequest send, @ForAll("consents") final ConsentState consent,
                                    @ForAll("settings") final ProjectSettings settings) {
        send.setCategory(SendCategory.CONSENT_REQUEST);

        assertThat(TrackingDecision.decide(send, consent, settings))
                .isEqualTo(new TrackingDecision(TrackingMode.NONE, DecisionReason.CONSENT_REQUEST, null));
    }

    @Property(tries = 1000)
    void anonymousOnlyNeverIdentifiesTheRecipient(@ForAll("sends") final SendRequest send,
                                                  @ForAll("consents") final ConsentState consent,
                                                  @ForAll("settings") final ProjectSettings settings) {
        final ProjectSettings anonymousOnly = ProjectDefaults.orDefaults(settings);
        anonymousOnly.setPolicy(TrackingPolicy.ANONYMOUS_ONLY);

        assertThat(TrackingDecision.decide(send, consent, anonymousOnly).mode())
                .isIn(TrackingMode.ANONYMOUS, TrackingMode.NONE);
    }

    @Property(tries = 1000)
    void onlyPersonalByConsentNamesAConsentEvent(@ForAll("sends") final SendRequest send,
                                                 @ForAll("consents") final ConsentState consent,
                                                 @ForAll("settings") final ProjectSettings settings) {
        final TrackingDecision decision = TrackingDecision.decide(send, consent, settings);

        assertThat(decision.consentEventId() != null).isEqualTo(decision.reason() == DecisionReason.CONSENT_GRANTED);
    }

    /**
     * The versioned consent table keeps only the OPEN_MEASUREMENT entry of each snapshot
     * ({@link OpenMeasurementSerde}): a send is decided from what it keeps as from the whole snapshot.
     */
    @Property(tries = 1000)
    void aSendIsDecidedFromTheKeptConsentVersionAsFromTheWholeSnapshot(
            @ForAll("sends") final SendRequest send, @ForAll("consents") final ConsentState consent,
            @ForAll("settings") final ProjectSettings settings) {
        final OpenMeasurementConsent kept = consent == null ? null
                : versions.decode(versions.encode(OpenMeasurementConsent.of(consent)));

        assertThat(TrackingDecision.decideByEntry(send, kept == null ? null : kept.entry(), settings))
                .isEqualTo(TrackingDecision.decide(send, consent, settings));
    }

    @Provide
    Arbitrary<SendRequest> sends() {
        return Generators.sends();
    }

    @Provide
    Arbitrary<ConsentState> consents() {
        return Generators.consentStates();
    }

    @Provide
    Arbitrary<ProjectSettings> settings() {
        return Generators.projectSettings();
    }

    private static TrackingPolicy policy(final ProjectSettings settings) {
        return ProjectDefaults.orDefaults(settings).getPolicy();
    }
}
