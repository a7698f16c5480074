package io.pixelgate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.CampaignStats;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurgeRecord;
import io.pixelgate.events.PurposeConsent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputStateTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void coverageCountsGrantsAsConsentsReadsThemAndEveryoneElseAsRefusedOrUnknown() {
        // given a granted profile, a withdrawn one, an expired grant and one deleted again
        final OutputState state = new OutputState();
        state.consent("p-1", consent("p-1", ConsentStatus.GRANTED, null));
        state.consent("p-2", consent("p-2", ConsentStatus.WITHDRAWN, null));
        state.consent("p-3", consent("p-3", ConsentStatus.GRANTED, NOW.minusSeconds(1)));
        state.consent("p-4", consent("p-4", ConsentStatus.GRANTED, null));
        state.consent("p-4", null);

        // when a population of 10 is looked at
        final OutputState.Coverage coverage = state.snapshot(NOW, 10).coverage();

        // then one grants, two do not, seven never answered
        assertThat(coverage.granted()).isEqualTo(1);
        assertThat(coverage.refused()).isEqualTo(2);
        assertThat(coverage.unknown()).isEqualTo(7);
        assertThat(coverage.grantedShare()).isEqualTo(0.1);
    }

    @Test
    void campaignsKeepTheirLatestCountersAndRejectedHitsAreSummedApart() {
        final OutputState state = new OutputState();
        state.campaign("a:A", stats("a", "A", 1, 0));
        state.campaign("a:A", stats("a", "A", 5, 2));
        state.campaign("_rejected", stats("_rejected", null, 0, 3));
        state.purged(new PurgeRecord("p-1", List.of(Purpose.OPEN_MEASUREMENT), "WITHDRAWN", "e-1", NOW, Map.of()));

        final OutputState.Outputs outputs = state.snapshot(NOW, 1);

        assertThat(outputs.campaigns()).singleElement().satisfies(row -> assertThat(row.getSent()).isEqualTo(5));
        assertThat(outputs.rejectedHits()).isEqualTo(5);
        assertThat(outputs.purges()).isEqualTo(1);
        assertThat(outputs.lastPurge().getProfileId()).isEqualTo("p-1");
    }

    private static ConsentState consent(final String profile, final ConsentStatus status, final Instant expiresAt) {
        return new ConsentState(profile, List.of(new PurposeConsent(Purpose.OPEN_MEASUREMENT, status,
                NOW.minusSeconds(60), "e-" + profile, "signup-v2", expiresAt, null)), NOW.minusSeconds(60));
    }

    private static CampaignStats stats(final String campaign, final String variant, final long sent,
                                       final long rejected) {
        return CampaignStats.newBuilder().setCampaignId(campaign).setVariant(variant).setSent(sent)
                .setSentPersonal(0).setSentAnonymous(0).setSentDeliverability(0).setSentNone(0).setOpens(0)
                .setHumanOpens(0).setMachineOpens(0).setUniqueOpens(0).setUniqueHumanOpens(0).setAnonymousOpens(0)
                .setClicks(0).setUniqueClicks(0).setHumanClicks(0).setMachineClicks(0).setUniqueHumanClicks(0)
                .setAnonymousClicks(0).setImplicitOpens(0).setRejectedHits(rejected).setUpdatedAt(NOW).build();
    }
}
