package io.pixelgate.aggregator;

import static io.pixelgate.aggregator.Fixtures.CHROME;
import static io.pixelgate.aggregator.Fixtures.campaign;
import static io.pixelgate.aggregator.Fixtures.click;
import static io.pixelgate.aggregator.Fixtures.granted;
import static io.pixelgate.aggregator.Fixtures.hit;
import static io.pixelgate.aggregator.Fixtures.message;
import static io.pixelgate.aggregator.Fixtures.open;
import static io.pixelgate.aggregator.Fixtures.withdrawn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.pixelgate.aggregator.campaign.CampaignKey;
import io.pixelgate.events.CampaignStats;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.HitKind;
import io.pixelgate.events.LastOpen;
import io.pixelgate.events.ProfileEngagement;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import io.pixelgate.events.PurgeRecord;
import io.pixelgate.events.TrackingMode;
import io.pixelgate.tokens.AnonymousPixel;
import io.pixelgate.tokens.CampaignIdentity;
import io.pixelgate.tokens.IdentifiedMode;
import io.pixelgate.tokens.Link;
import io.pixelgate.tokens.PersonalPixel;
import io.pixelgate.tokens.Preferences;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregatorTopologyTest {

    private static final Instant SENT = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant LATER = SENT.plus(Duration.ofHours(1));
    private static final CampaignIdentity SPRING_A = campaign("spring", "A");

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

    private String pixel(final String messageId, final String profileId) {
        return world.token(new PersonalPixel(message(messageId, profileId, SPRING_A, IdentifiedMode.PERSONAL, SENT)));
    }

    private String link(final String messageId, final String profileId, final int index) {
        return world.token(new Link(message(messageId, profileId, SPRING_A, IdentifiedMode.PERSONAL, SENT), index,
                "https://shop.example/" + index));
    }

    @Test
    void openWithOpenMeasurementCountsOneUniqueOpenPerMessage() {
        // given p-1 granted open measurement before the send
        world.consent(granted("p-1", SENT.minusSeconds(60), Purpose.OPEN_MEASUREMENT));

        // when the message is opened twice, by a person
        world.hit("p-1", open(pixel("m-1", "p-1"), LATER));
        world.hit("p-1", open(pixel("m-1", "p-1"), LATER.plusSeconds(30)));

        // then two opens, one unique, none anonymous; no engagement record without profiling
        final CampaignStats stats = world.stats("spring:A");
        assertThat(stats.getCampaignId()).isEqualTo("spring");
        assertThat(stats.getVariant()).isEqualTo("A");
        assertThat(stats.getOpens()).isEqualTo(2);
        assertThat(stats.getHumanOpens()).isEqualTo(2);
        assertThat(stats.getUniqueOpens()).isEqualTo(1);
        assertThat(stats.getUniqueHumanOpens()).isEqualTo(1);
        assertThat(stats.getAnonymousOpens()).isZero();
        assertThat(stats.getUpdatedAt()).isEqualTo(LATER.plusSeconds(30));
        assertThat(world.engagement.isEmpty()).isTrue();
        assertThat(world.campaignStats.readKeyValuesToMap()).containsKey("spring:A");
    }

    @Test
    void clickOnUnopenedMessageCountsAnImplicitOpen() {
        world.consent(granted("p-1", SENT.minusSeconds(60), Purpose.OPEN_MEASUREMENT));

        // an image blocker: the pixel never loads, the person clicks
        world.hit("p-1", click(link("m-1", "p-1", 0), LATER));

        final CampaignStats stats = world.stats("spring:A");
        assertThat(stats.getClicks()).isEqualTo(1);
        assertThat(stats.getUniqueClicks()).isEqualTo(1);
        assertThat(stats.getUniqueHumanClicks()).isEqualTo(1);
        assertThat(stats.getImplicitOpens()).isEqualTo(1);
        assertThat(stats.getUniqueOpens()).isEqualTo(1);
        assertThat(stats.getUniqueHumanOpens()).isEqualTo(1);
        assertThat(stats.getOpens()).as("no open hit was received").isZero();
    }

    @Test
    void hitWithoutConsentCountsAtCampaignLevelOnly() {
        // given no consent record for p-2 (the token is personal: consent was withdrawn after the send)
        world.hit("p-2", open(pixel("m-2", "p-2"), LATER));
        world.hit("p-2", open(pixel("m-2", "p-2"), LATER.plusSeconds(5)));
        world.hit("p-2", click(link("m-2", "p-2", 0), LATER.plusSeconds(9)));

        final CampaignStats stats = world.stats("spring:A");
        assertThat(stats.getOpens()).isEqualTo(2);
        assertThat(stats.getAnonymousOpens()).isEqualTo(2);
        assertThat(stats.getClicks()).isEqualTo(1);
        assertThat(stats.getAnonymousClicks()).isEqualTo(1);
        assertThat(stats.getUniqueOpens()).isZero();
        assertThat(stats.getUniqueClicks()).isZero();
        assertThat(world.storedMessages("p-2")).isEmpty();
        assertThat(world.engagement.isEmpty()).isTrue();
    }

    @Test
    void engagementProfilingFeedsTheProfileRecord() {
        world.consent(granted("p-1", SENT.minusSeconds(60), Purpose.OPEN_MEASUREMENT, Purpose.ENGAGEMENT_PROFILING));

        world.hit("p-1", hit(HitKind.OPEN, pixel("m-1", "p-1"), LATER, "Mozilla/5.0", "apple-mpp"));
        world.hit("p-1", open(pixel("m-1", "p-1"), LATER.plusSeconds(60)));
        world.hit("p-1", click(link("m-1", "p-1", 2), LATER.plusSeconds(90)));

        final List<ProfileEngagement> records = world.engagement.readValuesToList();
        assertThat(records).hasSize(3);
        final ProfileEngagement last = records.get(2);
        assertThat(last.getProfileId()).isEqualTo("p-1");
        assertThat(last.getOpens()).isEqualTo(2);
        assertThat(last.getHumanOpens()).isEqualTo(1);
        assertThat(last.getMachineOpens()).as("the Apple MPP prefetch").isEqualTo(1);
        assertThat(last.getUniqueMessagesOpened()).isEqualTo(1);
        assertThat(last.getClicks()).isEqualTo(1);
        assertThat(last.getFirstOpenAt()).isEqualTo(LATER);
        assertThat(last.getLastOpenAt()).isEqualTo(LATER.plusSeconds(60));
        assertThat(last.getScore()).as("one human open and one human click, seconds apart")
                .isBetween(2.99, 3.0);
        assertThat(last.getCrossChannelAllowed()).isFalse();
        assertThat(world.storedEngagement("p-1")).isEqualTo(last);

        final CampaignStats stats = world.stats("spring:A");
        assertThat(stats.getMachineOpens()).isEqualTo(1);
        assertThat(stats.getUniqueHumanOpens()).isEqualTo(1);
        assertThat(stats.getImplicitOpens()).isZero();
    }

    @Test
    void engagementStoredByTheStoreSerdeOfEarlierVersionsIsStillRead() {
        // given an engagement record as versions before 0.2 kept it: framed under the changelog's subject
        world.consent(granted("p-1", SENT.minusSeconds(60), Purpose.OPEN_MEASUREMENT, Purpose.ENGAGEMENT_PROFILING));
        world.hit("p-1", open(pixel("m-1", "p-1"), LATER));
        final ProfileEngagement before = world.storedEngagement("p-1");
        world.storeEngagementAsBefore(before);

        // when the profile opens another message
        world.hit("p-1", open(pixel("m-2", "p-1"), LATER.plusSeconds(60)));

        // then the record goes on from the one stored
        final List<ProfileEngagement> records = world.engagement.readValuesToList();
        assertThat(records).hasSize(2);
        assertThat(records.get(1).getOpens()).isEqualTo(2);
        assertThat(records.get(1).getUniqueMessagesOpened()).isEqualTo(2);
        assertThat(records.get(1).getFirstOpenAt()).isEqualTo(LATER);
        assertThat(world.storedEngagement("p-1")).isEqualTo(records.get(1));
    }

    @Test
    void scoreHalvesWithEachHalfLife() {
        world.consent(granted("p-1", SENT.minusSeconds(60), Purpose.OPEN_MEASUREMENT, Purpose.ENGAGEMENT_PROFILING));

        world.hit("p-1", open(pixel("m-1", "p-1"), LATER));
        world.hit("p-1", open(pixel("m-1", "p-1"), LATER.plus(Duration.ofDays(14))));

        final List<ProfileEngagement> records = world.engagement.readValuesToList();
        assertThat(records.get(1).getScore()).isCloseTo(1.5, offset(1e-9));
    }

    @Test
    void withdrawalPurgesEngagementAndWritesTombstone() {
        // given an engaged profile
        world.consent(granted("p-1", SENT.minusSeconds(60), Purpose.OPEN_MEASUREMENT, Purpose.ENGAGEMENT_PROFILING));
        world.hit("p-1", open(pixel("m-1", "p-1"), LATER));
        world.hit("p-1", open(pixel("m-3", "p-1"), LATER));
        world.engagement.readValuesToList();

        // when it withdraws open measurement (its dependants fall with it)
        final ConsentState withdrawal = withdrawn("p-1", LATER.plusSeconds(60), Purpose.OPEN_MEASUREMENT,
                Purpose.ENGAGEMENT_PROFILING);
        world.consent(withdrawal);

        // then a tombstone, a purge-log record naming what went, and empty stores
        final List<KeyValue<String, ProfileEngagement>> tombstones = world.engagement.readKeyValuesToList();
        assertThat(tombstones).containsExactly(KeyValue.pair("p-1", null));
        final PurgeRecord purge = world.purgeLog.readValue();
        assertThat(purge.getProfileId()).isEqualTo("p-1");
        assertThat(purge.getPurposes()).containsExactly(Purpose.OPEN_MEASUREMENT, Purpose.ENGAGEMENT_PROFILING);
        assertThat(purge.getReason()).startsWith("WITHDRAWN by consent event crm-");
        assertThat(purge.getConsentEventId()).isEqualTo(withdrawal.getPurposes().get(0).getEventId());
        assertThat(purge.getPurged()).containsEntry(AggregatorStores.MESSAGE_STORE, 2L)
                .containsEntry(AggregatorStores.ENGAGEMENT_STORE, 1L)
                .containsEntry("pixelgate.profile-engagement", 1L);
        assertThat(world.storedEngagement("p-1")).isNull();
        assertThat(world.storedMessages("p-1")).isEmpty();

        // and a later hit on the earlier email counts at the campaign level only
        world.hit("p-1", open(pixel("m-1", "p-1"), LATER.plusSeconds(120)));
        assertThat(world.engagement.isEmpty()).isTrue();
        final CampaignStats stats = world.stats("spring:A");
        assertThat(stats.getOpens()).isEqualTo(3);
        assertThat(stats.getUniqueOpens()).isEqualTo(2);
        assertThat(stats.getAnonymousOpens()).isEqualTo(1);
    }

    @Test
    void withdrawingCrossChannelOnlyClearsTheMark() {
        world.consent(granted("p-1", SENT.minusSeconds(60), Purpose.OPEN_MEASUREMENT, Purpose.ENGAGEMENT_PROFILING,
                Purpose.CROSS_CHANNEL));
        world.hit("p-1", open(pixel("m-1", "p-1"), LATER));
        assertThat(world.engagement.readValue().getCrossChannelAllowed()).isTrue();

        final Map<Purpose, ConsentStatus> statuses = new EnumMap<>(Purpose.class);
        statuses.put(Purpose.OPEN_MEASUREMENT, ConsentStatus.GRANTED);
        statuses.put(Purpose.ENGAGEMENT_PROFILING, ConsentStatus.GRANTED);
        statuses.put(Purpose.CROSS_CHANNEL, ConsentStatus.DENIED);
        world.consent(Fixtures.consent("p-1", LATER.plusSeconds(60), statuses));

        final ProfileEngagement updated = world.engagement.readValue();
        assertThat(updated.getCrossChannelAllowed()).isFalse();
        assertThat(updated.getOpens()).isEqualTo(1);
        final PurgeRecord purge = world.purgeLog.readValue();
        assertThat(purge.getPurposes()).containsExactly(Purpose.CROSS_CHANNEL);
        assertThat(purge.getReason()).startsWith("DENIED by consent event");
        assertThat(purge.getPurged()).containsEntry("pixelgate.profile-engagement.crossChannelAllowed", 1L);
    }

    @Test
    void expiredGrantIsPurgedByTheSweep() {
        final ConsentState expiring = granted("p-1", SENT.minusSeconds(60), Purpose.OPEN_MEASUREMENT,
                Purpose.ENGAGEMENT_PROFILING);
        for (final PurposeConsent entry : expiring.getPurposes()) {
            entry.setExpiresAt(LATER.plusSeconds(600));
        }
        world.consent(expiring);
        world.hit("p-1", open(pixel("m-1", "p-1"), LATER));
        assertThat(world.engagement.readValuesToList()).hasSize(1);

        // the wall clock passes the expiry (the driver's clock started at SENT)
        world.advanceWallClock(Duration.between(SENT, LATER.plusSeconds(660)));

        assertThat(world.engagement.readKeyValuesToList()).containsExactly(KeyValue.pair("p-1", null));
        final PurgeRecord purge = world.purgeLog.readValue();
        assertThat(purge.getReason()).startsWith("EXPIRED by consent event");
        assertThat(world.storedMessages("p-1")).isEmpty();
    }

    @Test
    void deliverabilityHitsUpdateOnlyLastOpen() {
        // even with every purpose granted, a deliverability send keeps only the last-open date
        world.consent(granted("p-1", SENT.minusSeconds(60), Purpose.OPEN_MEASUREMENT, Purpose.ENGAGEMENT_PROFILING));
        final String token = world.token(new PersonalPixel(message("m-9", "p-1", campaign("receipts", null),
                IdentifiedMode.DELIVERABILITY, SENT)));

        world.hit("p-1", hit(HitKind.OPEN, token, SENT.plusSeconds(2), CHROME, null));
        world.hit("p-1", open(token, LATER));
        world.hit("p-1", hit(HitKind.OPEN, token, LATER.plusSeconds(60), "Mozilla/5.0", "apple-mpp"));

        assertThat(world.lastOpen.readValuesToList()).extracting(LastOpen::getLastOpenAt)
                .as("the scanner-timed hit and the Apple prefetch do not count as opens for inactivity")
                .containsExactly(LATER);
        assertThat(world.engagement.isEmpty()).isTrue();
        assertThat(world.storedMessages("p-1")).isEmpty();
        final CampaignStats stats = world.stats("receipts");
        assertThat(stats.getOpens()).isEqualTo(3);
        assertThat(stats.getMachineOpens()).isEqualTo(2);
        assertThat(stats.getAnonymousOpens()).isEqualTo(3);
        assertThat(stats.getUniqueOpens()).isZero();

        // and a withdrawal leaves last-open alone
        world.consent(withdrawn("p-1", LATER.plusSeconds(90), Purpose.OPEN_MEASUREMENT));
        world.hit("p-1", open(token, LATER.plusSeconds(120)));
        assertThat(world.lastOpen.readValuesToList()).extracting(LastOpen::getLastOpenAt)
                .containsExactly(LATER.plusSeconds(120));
    }

    @Test
    void anonymousPixelCountsAtCampaignLevel() {
        final String token = world.token(new AnonymousPixel(SPRING_A));

        world.hit("spring", open(token, LATER));
        world.hit("spring", hit(HitKind.OPEN, token, LATER, "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0"
                + " (via ggpht.com GoogleImageProxy)", null));

        final CampaignStats stats = world.stats("spring:A");
        assertThat(stats.getOpens()).isEqualTo(2);
        assertThat(stats.getHumanOpens()).as("the Gmail proxy open is a real open").isEqualTo(2);
        assertThat(stats.getAnonymousOpens()).isEqualTo(2);
        assertThat(stats.getUniqueOpens()).isZero();
    }

    @Test
    void forgedTokenCountsOnlyAsRejected() {
        final String genuine = pixel("m-1", "p-1");
        final String forged = genuine.substring(0, genuine.length() - 2) + (genuine.endsWith("AA") ? "BA" : "AA");

        world.hit("invalid", open(forged, LATER));
        world.hit("invalid", open("not-a-token", LATER));

        final Map<String, CampaignStats> all = world.allStats();
        assertThat(all).containsOnlyKeys(CampaignKey.REJECTED);
        final CampaignStats rejected = all.get(CampaignKey.REJECTED);
        assertThat(rejected.getRejectedHits()).isEqualTo(2);
        assertThat(rejected.getOpens()).isZero();
    }

    @Test
    void authenticTokenOfWrongKindIsRejectedOnItsCampaign() {
        // a link token loaded as a pixel, and a preferences token (no campaign)
        world.hit("p-1", open(link("m-1", "p-1", 0), LATER));
        world.hit("p-1", open(world.token(new Preferences("p-1", "default")), LATER));

        assertThat(world.stats("spring:A").getRejectedHits()).isEqualTo(1);
        assertThat(world.stats("spring:A").getOpens()).isZero();
        assertThat(world.stats(CampaignKey.REJECTED).getRejectedHits()).isEqualTo(1);
    }

    @Test
    void undecodableHitGoesToTheRejectedTopic() {
        world.rawOpenHit("p-1", "<html>".getBytes(StandardCharsets.UTF_8), LATER);

        assertThat(world.rejected.readValue().getSourceTopic()).isEqualTo("pixelgate.open-hits");
        assertThat(world.allStats()).isEmpty();
    }

    @Test
    void trackedSendsCountSentByMode() {
        world.send(Fixtures.trackedSend("m-1", "p-1", SPRING_A, TrackingMode.PERSONAL, SENT));
        world.send(Fixtures.trackedSend("m-2", "p-2", SPRING_A, TrackingMode.ANONYMOUS, SENT));
        world.send(Fixtures.trackedSend("m-3", "p-3", SPRING_A, TrackingMode.NONE, SENT));
        world.send(Fixtures.trackedSend("m-4", "p-4", campaign("spring", null), TrackingMode.DELIVERABILITY, SENT));

        final CampaignStats variant = world.stats("spring:A");
        assertThat(variant.getSent()).isEqualTo(3);
        assertThat(variant.getSentPersonal()).isEqualTo(1);
        assertThat(variant.getSentAnonymous()).isEqualTo(1);
        assertThat(variant.getSentNone()).isEqualTo(1);
        assertThat(world.stats("spring").getSentDeliverability()).isEqualTo(1);
    }

    @Test
    void linkBurstTurnsTheWholeBurstIntoScannerClicks() {
        world.consent(granted("p-1", SENT.minusSeconds(60), Purpose.OPEN_MEASUREMENT));

        // a gateway follows three links of the message within a second, with a browser's user agent
        world.hit("p-1", click(link("m-1", "p-1", 0), LATER));
        world.hit("p-1", click(link("m-1", "p-1", 1), LATER.plusMillis(300)));
        world.hit("p-1", click(link("m-1", "p-1", 2), LATER.plusMillis(600)));

        final CampaignStats stats = world.stats("spring:A");
        assertThat(stats.getClicks()).isEqualTo(3);
        assertThat(stats.getMachineClicks()).isEqualTo(3);
        assertThat(stats.getHumanClicks()).isZero();
        assertThat(stats.getUniqueClicks()).isEqualTo(1);
        assertThat(stats.getUniqueHumanClicks()).isZero();
        assertThat(stats.getImplicitOpens()).isEqualTo(1);
        assertThat(stats.getUniqueOpens()).isEqualTo(1);
        assertThat(stats.getUniqueHumanOpens()).isZero();

        // the person's own click a minute later is human again
        world.hit("p-1", click(link("m-1", "p-1", 1), LATER.plusSeconds(60)));
        assertThat(world.stats("spring:A").getUniqueHumanClicks()).isEqualTo(1);
        assertThat(world.stats("spring:A").getUniqueHumanOpens()).isEqualTo(1);
    }

    @Test
    void hitsBeyondTheDedupeHorizonCountButNotAsUnique() {
        world.consent(granted("p-1", SENT.minusSeconds(60), Purpose.OPEN_MEASUREMENT));

        world.hit("p-1", open(pixel("m-1", "p-1"), SENT.plus(Duration.ofDays(31))));

        final CampaignStats stats = world.stats("spring:A");
        assertThat(stats.getOpens()).isEqualTo(1);
        assertThat(stats.getUniqueOpens()).isZero();
        assertThat(stats.getAnonymousOpens()).as("attributed, only not deduplicated").isZero();
        assertThat(world.storedMessages("p-1")).isEmpty();
    }

    @Test
    void personalHitKeyedByAnotherProfileIsNotAttributed() {
        world.consent(granted("p-1", SENT.minusSeconds(60), Purpose.OPEN_MEASUREMENT, Purpose.ENGAGEMENT_PROFILING));

        world.hit("p-other", open(pixel("m-1", "p-1"), LATER));

        assertThat(world.stats("spring:A").getAnonymousOpens()).isEqualTo(1);
        assertThat(world.engagement.isEmpty()).isTrue();
    }

    @Test
    void deletedConsentStateIsAnErasure() {
        world.consent(granted("p-1", SENT.minusSeconds(60), Purpose.OPEN_MEASUREMENT, Purpose.ENGAGEMENT_PROFILING));
        world.hit("p-1", open(pixel("m-1", "p-1"), LATER));
        world.engagement.readValuesToList();

        world.consentDeleted("p-1", LATER.plusSeconds(60));

        // (ErasureTopologyTest goes through every store)
        assertThat(world.engagement.readKeyValuesToList()).containsExactly(KeyValue.pair("p-1", null));
        final PurgeRecord purge = world.purgeLog.readValue();
        assertThat(purge.getReason()).startsWith("ERASED");
        assertThat(world.storedMessages("p-1")).isEmpty();
    }

    @Test
    void hitBeforeARegrantIsNotAttributedToIt() {
        // granted, withdrawn, then granted again after the hit happened
        world.consent(granted("p-1", SENT.minusSeconds(60), Purpose.OPEN_MEASUREMENT));
        world.consent(withdrawn("p-1", SENT.plusSeconds(60), Purpose.OPEN_MEASUREMENT));
        world.consent(granted("p-1", LATER.plusSeconds(60), Purpose.OPEN_MEASUREMENT));

        world.hit("p-1", open(pixel("m-1", "p-1"), LATER));

        assertThat(world.stats("spring:A").getAnonymousOpens()).isEqualTo(1);
        assertThat(world.stats("spring:A").getUniqueOpens()).isZero();
    }

}
