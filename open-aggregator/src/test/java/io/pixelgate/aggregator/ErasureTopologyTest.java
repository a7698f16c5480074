package io.pixelgate.aggregator;

import static io.pixelgate.aggregator.Fixtures.campaign;
import static io.pixelgate.aggregator.Fixtures.granted;
import static io.pixelgate.aggregator.Fixtures.message;
import static io.pixelgate.aggregator.Fixtures.open;
import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.CampaignStats;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.Delivery;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import io.pixelgate.events.PurgeRecord;
import io.pixelgate.events.TrackingMode;
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

/** Erasure (SPEC.md section 1): a consent-state tombstone removes everything the task holds for the profile. */
class ErasureTopologyTest {

    private static final Instant SENT = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant LATER = SENT.plus(Duration.ofHours(1));
    private static final CampaignIdentity SPRING = campaign("spring", null);

    @TempDir
    Path stateDir;

    private AggregatorDriver world;

    @BeforeEach
    void start() {
        world = new AggregatorDriver(stateDir, SENT, Map.of());
    }

    @AfterEach
    void stop() {
        world.close();
    }

    /** The profile consents (with an expiry), is sent a personal and a deliverability email, both delivered and opened. */
    private void engage(final String profileId) {
        final ConsentState consent = granted(profileId, SENT.minusSeconds(60), Purpose.OPEN_MEASUREMENT,
                Purpose.ENGAGEMENT_PROFILING);
        consent.getPurposes().replaceAll(entry -> PurposeConsent.newBuilder(entry)
                .setExpiresAt(SENT.plus(Duration.ofDays(300))).build());
        world.consent(consent);
        for (final TrackingMode mode : List.of(TrackingMode.PERSONAL, TrackingMode.DELIVERABILITY)) {
            final String messageId = profileId + "-" + mode;
            world.send(Fixtures.trackedSend(messageId, profileId, SPRING, mode, SENT));
            world.delivery(Delivery.newBuilder().setMessageId(messageId).setDeliveredAt(SENT.plusSeconds(2)).build());
            world.hit(profileId, open(pixel(messageId, profileId, mode), LATER));
        }
    }

    private String pixel(final String messageId, final String profileId, final TrackingMode mode) {
        return world.token(new PersonalPixel(message(messageId, profileId, SPRING,
                mode == TrackingMode.PERSONAL ? IdentifiedMode.PERSONAL : IdentifiedMode.DELIVERABILITY, SENT)));
    }

    @Test
    void erasureRemovesEveryStoreEntryOfTheProfileAndWritesTombstonesAndOnePurgeRecord() {
        // given two profiles that consented, were sent and delivered emails, and opened them
        engage("p-1");
        engage("p-2");
        assertThat(world.keysNaming("p-1")).as("what the task holds before").hasSizeGreaterThanOrEqualTo(7);
        final CampaignStats before = world.stats("spring");
        world.engagement.readValuesToList();
        world.lastOpen.readValuesToList();

        // when p-1 is erased
        world.consentErased("p-1", "dsr-7", LATER.plusSeconds(60));

        // then nothing of p-1 is left in any store, p-2 is untouched, and both outputs get a tombstone
        assertThat(world.keysNaming("p-1")).isEmpty();
        assertThat(world.keysNaming("p-2")).hasSizeGreaterThanOrEqualTo(7);
        assertThat(world.engagement.readKeyValuesToList()).containsExactly(KeyValue.pair("p-1", null));
        assertThat(world.lastOpen.readKeyValuesToList()).containsExactly(KeyValue.pair("p-1", null));
        final PurgeRecord purge = world.purgeLog.readValue();
        assertThat(purge.getProfileId()).isEqualTo("p-1");
        assertThat(purge.getReason()).isEqualTo("ERASED by request dsr-7");
        assertThat(purge.getConsentEventId()).as("the request, as consent-events names it").isEqualTo("dsr-7");
        assertThat(purge.getPurposes()).containsExactly(Purpose.values());
        assertThat(purge.getPurged()).containsEntry(AggregatorStores.CONSENT_STORE, 1L)
                .containsEntry(AggregatorStores.EXPIRY_STORE, 1L)
                .containsEntry(AggregatorStores.MESSAGE_STORE, 1L)
                .containsEntry(AggregatorStores.DELIVERY_STORE, 2L)
                .containsEntry(AggregatorStores.ENGAGEMENT_STORE, 1L)
                .containsEntry(AggregatorStores.LAST_OPEN_STORE, 1L)
                .containsEntry("pixelgate.profile-engagement", 1L)
                .containsEntry("pixelgate.last-open", 1L);
        assertThat(world.purgeLog.isEmpty()).isTrue();
        // and the campaign counters, which hold no personal data, are as they were
        assertThat(world.stats("spring")).isEqualTo(before);
    }

    @Test
    void laterHitsOnAnErasedProfilesPixelsCountAtCampaignLevelOnly() {
        engage("p-1");
        world.consentErased("p-1", "dsr-7", LATER.plusSeconds(60));
        final CampaignStats before = world.stats("spring");
        world.engagement.readValuesToList();

        world.hit("p-1", open(pixel("p-1-PERSONAL", "p-1", TrackingMode.PERSONAL), LATER.plusSeconds(120)));

        final CampaignStats after = world.stats("spring");
        assertThat(after.getOpens()).isEqualTo(before.getOpens() + 1);
        assertThat(after.getAnonymousOpens()).isEqualTo(before.getAnonymousOpens() + 1);
        assertThat(after.getUniqueOpens()).isEqualTo(before.getUniqueOpens());
        assertThat(world.engagement.isEmpty()).isTrue();
        assertThat(world.keysNaming("p-1")).isEmpty();
    }

    @Test
    void tombstoneWithoutRequestHeaderStillErasesAndSaysSo() {
        engage("p-1");

        world.consentErased("p-1", null, LATER.plusSeconds(60));

        assertThat(world.keysNaming("p-1")).isEmpty();
        assertThat(world.purgeLog.readValue().getReason())
                .isEqualTo("ERASED (the consent-state tombstone named no request)");
    }

    @Test
    void erasureOfAProfileTheTaskNeverSawStillWritesTombstonesAndItsRecord() {
        world.consentErased("p-9", "dsr-8", LATER);

        assertThat(world.engagement.readKeyValuesToList()).containsExactly(KeyValue.pair("p-9", null));
        assertThat(world.lastOpen.readKeyValuesToList()).containsExactly(KeyValue.pair("p-9", null));
        assertThat(world.purgeLog.readValue().getPurged()).containsEntry(AggregatorStores.CONSENT_STORE, 0L)
                .containsEntry(AggregatorStores.ENGAGEMENT_STORE, 0L);
    }
}
