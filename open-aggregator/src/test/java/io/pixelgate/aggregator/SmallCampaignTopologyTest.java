package io.pixelgate.aggregator;

import static io.pixelgate.aggregator.Fixtures.campaign;
import static io.pixelgate.aggregator.Fixtures.hit;
import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.aggregator.campaign.CampaignKey;
import io.pixelgate.events.CampaignStats;
import io.pixelgate.events.HitKind;
import io.pixelgate.events.TrackingMode;
import io.pixelgate.tokens.AnonymousPixel;
import io.pixelgate.tokens.CampaignIdentity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small campaigns (SPEC.md section 1) and the one-source cap on anonymous unique opens, as
 * campaign-stats publishes them, with the default threshold of 10 sends.
 */
class SmallCampaignTopologyTest {

    private static final Instant SENT = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant LATER = SENT.plus(Duration.ofHours(1));

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

    private void sends(final CampaignIdentity campaign, final int from, final int to) {
        for (int i = from; i < to; i++) {
            world.send(Fixtures.trackedSend(campaign.campaignId() + "-m" + i, "p-" + i, campaign,
                    TrackingMode.ANONYMOUS, SENT.plusMillis(i)));
        }
    }

    private void anonymousOpen(final CampaignIdentity campaign, final Instant at, final String agent) {
        world.hit(campaign.campaignId(), hit(HitKind.OPEN, world.token(new AnonymousPixel(campaign)), at, agent,
                null));
    }

    /** The latest record campaign-stats published for {@code key}, after every task's deltas were counted. */
    private CampaignStats published(final String key) {
        world.stats(key);
        return world.campaignStats.readKeyValuesToMap().get(key);
    }

    @Test
    void campaignBelowTheThresholdIsWithheldThenPublishedExactlyFromIt() {
        // given a campaign sent to 4 recipients, one of whom opened
        final CampaignIdentity small = campaign("small", null);
        sends(small, 0, 4);
        anonymousOpen(small, LATER, Fixtures.CHROME);

        // then campaign-stats says why and carries no counter
        final CampaignStats withheld = published("small");
        assertThat(withheld.getWithheld()).isEqualTo("SMALL_CAMPAIGN: 4 sends, published from 10");
        assertThat(withheld.getSent()).isZero();
        assertThat(withheld.getOpens()).isZero();
        assertThat(withheld.getAnonymousUniqueOpens()).isZero();
        assertThat(withheld.getHitReasons()).isEmpty();
        assertThat(withheld.getUpdatedAt()).isEqualTo(LATER);

        // when it reaches 10 sends, the counters summed all along are published
        sends(small, 4, 10);
        final CampaignStats published = published("small");
        assertThat(published.getWithheld()).isNull();
        assertThat(published).isEqualTo(world.stats("small"));
        assertThat(published.getSent()).isEqualTo(10);
        assertThat(published.getOpens()).isEqualTo(1);
    }

    @Test
    void eachVariantIsWithheldOrPublishedOnItsOwn() {
        final CampaignIdentity variantA = campaign("ab", "A");
        final CampaignIdentity variantB = campaign("ab", "B");
        sends(variantA, 0, 10);
        sends(variantB, 10, 13);

        world.stats("ab:A");
        final Map<String, CampaignStats> published = world.campaignStats.readKeyValuesToMap();
        assertThat(published.get("ab:A").getWithheld()).isNull();
        assertThat(published.get("ab:B").getWithheld()).isEqualTo("SMALL_CAMPAIGN: 3 sends, published from 10");
    }

    @Test
    void rejectedHitsAreAlwaysPublished() {
        world.hit("invalid", hit(HitKind.OPEN, "not-a-token", LATER, Fixtures.CHROME, null));

        final CampaignStats rejected = published(CampaignKey.REJECTED);
        assertThat(rejected.getWithheld()).isNull();
        assertThat(rejected.getRejectedHits()).isEqualTo(1);
    }

    @Test
    void oneSourceReplayingTheAnonymousPixelCountsOnceAsUniqueWithinTheWindow() {
        final CampaignIdentity launch = campaign("launch", null);
        sends(launch, 0, 10);

        // one client loads the pixel 50 times in an hour; two others once each
        for (int i = 0; i < 50; i++) {
            anonymousOpen(launch, LATER.plusSeconds(60L * i), Fixtures.CHROME);
        }
        anonymousOpen(launch, LATER, Fixtures.IPHONE_MAIL);
        anonymousOpen(launch, LATER, "Thunderbird/128.0");

        final CampaignStats stats = published("launch");
        assertThat(stats.getOpens()).as("every load counted").isEqualTo(52);
        assertThat(stats.getAnonymousOpens()).isEqualTo(52);
        assertThat(stats.getAnonymousUniqueOpens()).isEqualTo(3);

        // the same client a day later counts once more
        anonymousOpen(launch, LATER.plus(Duration.ofDays(1)).plusSeconds(3000), Fixtures.CHROME);
        assertThat(published("launch").getAnonymousUniqueOpens()).isEqualTo(4);
    }
}
