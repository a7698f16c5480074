package io.pixelgate.enricher;

import static io.pixelgate.enricher.Fixtures.T0;
import static io.pixelgate.enricher.Fixtures.entry;
import static io.pixelgate.enricher.Fixtures.marketing;
import static io.pixelgate.enricher.Fixtures.project;
import static io.pixelgate.enricher.Fixtures.send;
import static io.pixelgate.enricher.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.ProjectSettings;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import io.pixelgate.events.SendCategory;
import io.pixelgate.events.TrackingMode;
import io.pixelgate.events.TrackingPolicy;
import org.junit.jupiter.api.Test;

/** SPEC.md section 1, row by row. */
class TrackingDecisionTest {

    private static final ConsentState GRANTED = state("p-1",
            entry(Purpose.OPEN_MEASUREMENT, ConsentStatus.GRANTED, T0, "crm-1"));

    @Test
    void consentRequestCarriesNothingEvenWithConsentAndPolicyAlways() {
        final TrackingDecision decision = TrackingDecision.decide(send("m", "p-1", SendCategory.CONSENT_REQUEST,
                T0.plusSeconds(1)), GRANTED, project(TrackingPolicy.ALWAYS));

        assertThat(decision).isEqualTo(new TrackingDecision(TrackingMode.NONE, DecisionReason.CONSENT_REQUEST, null));
    }

    @Test
    void policyAlwaysIsPersonalWithoutConsent() {
        final TrackingDecision decision = TrackingDecision.decide(marketing("m", "p-1", T0), null,
                project(TrackingPolicy.ALWAYS));

        assertThat(decision).isEqualTo(new TrackingDecision(TrackingMode.PERSONAL, DecisionReason.POLICY_ALWAYS, null));
    }

    @Test
    void grantedOpenMeasurementIsPersonalAndNamesTheGrant() {
        final TrackingDecision decision = TrackingDecision.decide(marketing("m", "p-1", T0.plusSeconds(1)), GRANTED, null);

        assertThat(decision).isEqualTo(new TrackingDecision(TrackingMode.PERSONAL, DecisionReason.CONSENT_GRANTED, "crm-1"));
    }

    @Test
    void grantOfADependantPurposeAloneIsNoConsent() {
        final ConsentState profilingOnly = state("p-1",
                entry(Purpose.ENGAGEMENT_PROFILING, ConsentStatus.GRANTED, T0, "crm-1"));

        final TrackingDecision decision = TrackingDecision.decide(marketing("m", "p-1", T0.plusSeconds(1)),
                profilingOnly, null);

        assertThat(decision).isEqualTo(new TrackingDecision(TrackingMode.ANONYMOUS, DecisionReason.NO_CONSENT, null));
    }

    @Test
    void grantDatedAfterTheSendSaysNothingAboutIt() {
        final TrackingDecision decision = TrackingDecision.decide(marketing("m", "p-1", T0.minusSeconds(1)), GRANTED,
                null);

        assertThat(decision.mode()).isEqualTo(TrackingMode.ANONYMOUS);
        assertThat(decision.reason()).isEqualTo(DecisionReason.NO_CONSENT);
    }

    @Test
    void transactionalWithoutConsentIsDeliverability() {
        final TrackingDecision decision = TrackingDecision.decide(send("m", "p-1", SendCategory.TRANSACTIONAL, T0),
                null, null);

        assertThat(decision).isEqualTo(new TrackingDecision(TrackingMode.DELIVERABILITY,
                DecisionReason.TRANSACTIONAL_DELIVERABILITY, null));
    }

    @Test
    void transactionalWithConsentIsPersonal() {
        final TrackingDecision decision = TrackingDecision.decide(send("m", "p-1", SendCategory.TRANSACTIONAL,
                T0.plusSeconds(1)), GRANTED, null);

        assertThat(decision.mode()).isEqualTo(TrackingMode.PERSONAL);
    }

    @Test
    void notPersonalSaysWhy() {
        assertThat(reasonFor(entry(Purpose.OPEN_MEASUREMENT, ConsentStatus.WITHDRAWN, T0, "e")))
                .isEqualTo(DecisionReason.WITHDRAWN);
        assertThat(reasonFor(entry(Purpose.OPEN_MEASUREMENT, ConsentStatus.DENIED, T0, "e")))
                .isEqualTo(DecisionReason.DENIED);
        final PurposeConsent expired = entry(Purpose.OPEN_MEASUREMENT, ConsentStatus.GRANTED, T0, "e");
        expired.setExpiresAt(T0.plusSeconds(10));
        assertThat(reasonFor(expired)).isEqualTo(DecisionReason.EXPIRED);
        final PurposeConsent noWording = entry(Purpose.OPEN_MEASUREMENT, ConsentStatus.GRANTED, T0, "e");
        noWording.setWordingVersion(null);
        assertThat(reasonFor(noWording)).isEqualTo(DecisionReason.NO_CONSENT);
    }

    @Test
    void anonymousOnlyIgnoresConsentAndDeliverability() {
        final ProjectSettings anonymousOnly = project(TrackingPolicy.ANONYMOUS_ONLY);

        assertThat(TrackingDecision.decide(marketing("m", "p-1", T0.plusSeconds(1)), GRANTED, anonymousOnly))
                .isEqualTo(new TrackingDecision(TrackingMode.ANONYMOUS, DecisionReason.POLICY_ANONYMOUS_ONLY, null));
        assertThat(TrackingDecision.decide(send("m", "p-1", SendCategory.TRANSACTIONAL, T0), null, anonymousOnly).mode())
                .isEqualTo(TrackingMode.ANONYMOUS);
    }

    @Test
    void withoutAnonymousStatsAnUnconsentedSendCarriesNothing() {
        final ProjectSettings noStats = ProjectSettings.newBuilder().setAnonymousStats(false).build();

        assertThat(TrackingDecision.decide(marketing("m", "p-1", T0), null, noStats))
                .isEqualTo(new TrackingDecision(TrackingMode.NONE, DecisionReason.ANONYMOUS_STATS_DISABLED, null));
    }

    private static DecisionReason reasonFor(final PurposeConsent openMeasurement) {
        return TrackingDecision.decide(marketing("m", "p-1", T0.plusSeconds(60)), state("p-1", openMeasurement), null)
                .reason();
    }
}
