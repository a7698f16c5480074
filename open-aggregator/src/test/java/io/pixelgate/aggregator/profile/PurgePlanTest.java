package io.pixelgate.aggregator.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PurgePlanTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(3600);
    private static final Holdings NOTHING_HELD = new Holdings(false, false, false);
    private static final Holdings ALL_HELD = new Holdings(true, true, true);

    private static PurposeConsent entry(final Purpose purpose, final ConsentStatus status, final String eventId,
                                        final Instant expiresAt) {
        return PurposeConsent.newBuilder().setPurpose(purpose).setStatus(status).setSince(T0).setEventId(eventId)
                .setWordingVersion(status == ConsentStatus.GRANTED ? "v1" : null).setExpiresAt(expiresAt).build();
    }

    private static ConsentState state(final PurposeConsent... entries) {
        return ConsentState.newBuilder().setProfileId("p-1").setPurposes(new ArrayList<>(List.of(entries)))
                .setUpdatedAt(T0).build();
    }

    @Test
    void withdrawingOpenMeasurementPurgesItAndItsDependants() {
        final ConsentState before = state(entry(Purpose.OPEN_MEASUREMENT, ConsentStatus.GRANTED, "e1", null),
                entry(Purpose.ENGAGEMENT_PROFILING, ConsentStatus.GRANTED, "e1", null));
        final ConsentState after = state(entry(Purpose.OPEN_MEASUREMENT, ConsentStatus.WITHDRAWN, "e2", null),
                entry(Purpose.ENGAGEMENT_PROFILING, ConsentStatus.GRANTED, "e1", null));

        final PurgePlan plan = PurgePlan.of(before, after, T1, NOTHING_HELD);

        assertThat(plan.purposes()).containsExactlyInAnyOrder(Purpose.OPEN_MEASUREMENT, Purpose.ENGAGEMENT_PROFILING);
        assertThat(plan.reason()).isEqualTo("WITHDRAWN by consent event e2");
        assertThat(plan.consentEventId()).isEqualTo("e2");
    }

    @Test
    void dependantFallingWithOpenMeasurementNamesOpenMeasurementsChange() {
        final ConsentState before = state(entry(Purpose.OPEN_MEASUREMENT, ConsentStatus.GRANTED, "e1", null),
                entry(Purpose.ENGAGEMENT_PROFILING, ConsentStatus.GRANTED, "e1", null));
        final ConsentState after = state(entry(Purpose.OPEN_MEASUREMENT, ConsentStatus.DENIED, "e3", null),
                entry(Purpose.ENGAGEMENT_PROFILING, ConsentStatus.GRANTED, "e1", null));

        final PurgePlan plan = PurgePlan.of(before, after, T1, new Holdings(false, true, false));

        assertThat(plan.reason()).isEqualTo("DENIED by consent event e3");
    }

    @Test
    void denialWithoutEarlierGrantOrDataPurgesNothing() {
        final PurgePlan plan = PurgePlan.of(null, state(entry(Purpose.OPEN_MEASUREMENT, ConsentStatus.DENIED, "e1",
                null)), T1, NOTHING_HELD);

        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void dataHeldPastItsGrantsExpiryIsPurged() {
        final ConsentState expired = state(entry(Purpose.OPEN_MEASUREMENT, ConsentStatus.GRANTED, "e1", T0.plusSeconds(60)),
                entry(Purpose.ENGAGEMENT_PROFILING, ConsentStatus.GRANTED, "e1", T0.plusSeconds(60)));

        final PurgePlan plan = PurgePlan.of(expired, expired, T1, ALL_HELD);

        assertThat(plan.purposes()).containsExactlyInAnyOrder(Purpose.values());
        assertThat(plan.reason()).isEqualTo("EXPIRED by consent event e1");
    }

    @Test
    void grantStillValidKeepsItsData() {
        final ConsentState granted = state(entry(Purpose.OPEN_MEASUREMENT, ConsentStatus.GRANTED, "e1", null),
                entry(Purpose.ENGAGEMENT_PROFILING, ConsentStatus.GRANTED, "e1", null),
                entry(Purpose.CROSS_CHANNEL, ConsentStatus.GRANTED, "e1", null));

        assertThat(PurgePlan.of(granted, granted, T1, ALL_HELD).isEmpty()).isTrue();
    }

    @Test
    void deletedConsentStatePurgesWhatIsHeld() {
        final PurgePlan plan = PurgePlan.of(null, null, T1, new Holdings(true, false, false));

        assertThat(plan.purposes()).containsExactly(Purpose.OPEN_MEASUREMENT);
        assertThat(plan.reason()).isEqualTo("NO_CONSENT_RECORD");
        assertThat(plan.consentEventId()).isNull();
    }
}
