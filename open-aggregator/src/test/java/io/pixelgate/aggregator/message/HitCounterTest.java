package io.pixelgate.aggregator.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.aggregator.AggregatorSettings;
import io.pixelgate.aggregator.campaign.CampaignDelta;
import io.pixelgate.aggregator.campaign.CampaignKey;
import io.pixelgate.aggregator.campaign.Counter;
import io.pixelgate.aggregator.classify.HitClass;
import io.pixelgate.aggregator.classify.Reason;
import io.pixelgate.events.Hit;
import io.pixelgate.events.HitKind;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.tokens.CampaignIdentity;
import io.pixelgate.tokens.IdentifiedMode;
import io.pixelgate.tokens.Link;
import io.pixelgate.tokens.MessageIdentity;
import io.pixelgate.tokens.TokenKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The counting rules, straight on the pure function: one message, hit by hit. */
class HitCounterTest {

    private static final Instant SENT = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant LATER = SENT.plus(Duration.ofHours(1));
    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
    private static final AggregatorSettings SETTINGS = AggregatorSettings.from(PixelgateConfig.of(
            Map.of(CommonSettings.TOKEN_KEYS.key(), TokenKeys.generate("k").toConfigString())));
    private static final MessageIdentity MESSAGE = new MessageIdentity("m-1", "p-1",
            new CampaignIdentity("spring", "A", "default"), IdentifiedMode.PERSONAL, SENT.toEpochMilli());

    private final HitCounter counter = new HitCounter(SETTINGS.classifier(), SETTINGS.score());
    private MessageState state;

    private Counted hit(final HitKind kind, final int link, final Instant at, final String agent, final String network) {
        return hit(kind, link, at, agent, network, null);
    }

    private Counted hit(final HitKind kind, final int link, final Instant at, final String agent, final String network,
                        final String ipPrefix) {
        final Hit hit = Hit.newBuilder().setHitId("h").setKind(kind).setToken("t").setReceivedAt(at)
                .setUserAgent(agent).setNetwork(network).setIpPrefix(ipPrefix).build();
        final Counted counted = counter.attributed(hit, MESSAGE, link, state, true, null);
        state = counted.message();
        return counted;
    }

    private static Map<Counter, Long> nonZero(final CampaignDelta delta) {
        final Map<Counter, Long> counts = new EnumMap<>(Counter.class);
        for (final Counter counter : Counter.values()) {
            if (delta.get(counter) != 0) {
                counts.put(counter, delta.get(counter));
            }
        }
        return counts;
    }

    @Test
    void applePrefetchThenPersonsClickMakesTheUniqueHumanOpen() {
        final Counted prefetch = hit(HitKind.OPEN, -1, LATER, "Mozilla/5.0", "apple-mpp");
        assertThat(prefetch.verdict().hitClass()).isEqualTo(HitClass.APPLE_MPP);
        assertThat(nonZero(prefetch.delta())).containsOnly(Map.entry(Counter.OPENS, 1L),
                Map.entry(Counter.MACHINE_OPENS, 1L), Map.entry(Counter.UNIQUE_OPENS, 1L),
                Map.entry(Counter.APPLE_MPP_HITS, 1L), Map.entry(Counter.APPLE_MPP_ONLY_MESSAGES, 1L));
        assertThat(prefetch.delta().reasonCount(CampaignDelta.reasonSlot(HitClass.APPLE_MPP,
                Reason.APPLE_PROXY_NETWORK))).isEqualTo(1);

        final Counted click = hit(HitKind.CLICK, 0, LATER.plusSeconds(600), CHROME, null);
        assertThat(nonZero(click.delta())).as("opened already: no implicit open, but the first human one")
                .containsOnly(Map.entry(Counter.CLICKS, 1L), Map.entry(Counter.HUMAN_CLICKS, 1L),
                        Map.entry(Counter.UNIQUE_CLICKS, 1L), Map.entry(Counter.UNIQUE_HUMAN_CLICKS, 1L),
                        Map.entry(Counter.UNIQUE_HUMAN_OPENS, 1L), Map.entry(Counter.APPLE_MPP_ONLY_MESSAGES, -1L));
        assertThat(click.engagement().messageOpened()).isFalse();
    }

    @Test
    void completedBurstTakesBackWhatItsEarlierClicksCountedAsHuman() {
        final Counted first = hit(HitKind.CLICK, 0, LATER, CHROME, null);
        assertThat(nonZero(first.delta())).containsOnly(Map.entry(Counter.CLICKS, 1L),
                Map.entry(Counter.HUMAN_CLICKS, 1L), Map.entry(Counter.UNIQUE_CLICKS, 1L),
                Map.entry(Counter.UNIQUE_HUMAN_CLICKS, 1L), Map.entry(Counter.IMPLICIT_OPENS, 1L),
                Map.entry(Counter.UNIQUE_OPENS, 1L), Map.entry(Counter.UNIQUE_HUMAN_OPENS, 1L));
        final Counted second = hit(HitKind.CLICK, 1, LATER.plusMillis(400), CHROME, null);
        assertThat(nonZero(second.delta())).containsOnly(Map.entry(Counter.CLICKS, 1L),
                Map.entry(Counter.HUMAN_CLICKS, 1L));

        final Counted third = hit(HitKind.CLICK, 2, LATER.plusMillis(800), CHROME, null);

        assertThat(third.verdict().reasons()).contains(Reason.LINK_BURST);
        assertThat(nonZero(third.delta())).containsOnly(Map.entry(Counter.CLICKS, 1L),
                Map.entry(Counter.MACHINE_CLICKS, 3L), Map.entry(Counter.HUMAN_CLICKS, -2L),
                Map.entry(Counter.UNIQUE_HUMAN_CLICKS, -1L), Map.entry(Counter.UNIQUE_HUMAN_OPENS, -1L),
                Map.entry(Counter.SECURITY_SCANNER_HITS, 3L));
        assertThat(third.delta().reasonCount(CampaignDelta.reasonSlot(null, Reason.LINK_BURST))).isEqualTo(2);
        assertThat(third.engagement().withdrawnWeight()).isEqualTo(2 * SETTINGS.score().clickWeight());
        assertThat(state.humanClicked()).isFalse();
        assertThat(state.humanOpened()).isFalse();
        assertThat(state.opened()).as("a scanner's click still implies the message was fetched").isTrue();

        final Counted fourth = hit(HitKind.CLICK, 3, LATER.plusMillis(900), CHROME, null);
        assertThat(nonZero(fourth.delta())).as("the rest of the burst is the scanner's too")
                .containsOnly(Map.entry(Counter.CLICKS, 1L), Map.entry(Counter.MACHINE_CLICKS, 1L),
                        Map.entry(Counter.SECURITY_SCANNER_HITS, 1L));
    }

    @Test
    void honeypotMarksItsBurstAndItsSourceAsAMachineForThatMessage() {
        final Counted real = hit(HitKind.CLICK, 0, LATER, CHROME, null, "203.0.113.0/24");
        assertThat(real.verdict().human()).isTrue();

        final Counted honeypot = hit(HitKind.CLICK, Link.HONEYPOT_INDEX, LATER.plusMillis(300), CHROME, null,
                "203.0.113.0/24");

        assertThat(honeypot.verdict().reasons()).contains(Reason.HONEYPOT_LINK);
        assertThat(honeypot.delta().get(Counter.HUMAN_CLICKS)).as("the burst's earlier click taken back").isEqualTo(-1);
        assertThat(honeypot.delta().get(Counter.MACHINE_CLICKS)).isEqualTo(2);
        final Counted later = hit(HitKind.OPEN, -1, LATER.plusSeconds(3600), CHROME, null, "203.0.113.0/24");
        assertThat(later.verdict().reasons()).as("its source, later").contains(Reason.HONEYPOT_SOURCE);
        final Counted person = hit(HitKind.OPEN, -1, LATER.plusSeconds(7200), CHROME, null, "198.51.100.0/24");
        assertThat(person.verdict().human()).as("another source is judged on its own").isTrue();
    }

    @Test
    void anOpenAndAClickFromOneSourceAtOnceAreBothAScannersAndTheOpenIsTakenBack() {
        final Counted open = hit(HitKind.OPEN, -1, LATER, CHROME, null, "203.0.113.0/24");
        assertThat(open.verdict().human()).isTrue();

        final Counted click = hit(HitKind.CLICK, 0, LATER.plusMillis(800), CHROME, null, "203.0.113.0/24");

        assertThat(click.verdict().reasons()).contains(Reason.OPEN_WITH_CLICK);
        assertThat(nonZero(click.delta())).containsOnly(Map.entry(Counter.CLICKS, 1L),
                Map.entry(Counter.MACHINE_CLICKS, 1L), Map.entry(Counter.UNIQUE_CLICKS, 1L),
                Map.entry(Counter.SECURITY_SCANNER_HITS, 2L), Map.entry(Counter.HUMAN_OPENS, -1L),
                Map.entry(Counter.MACHINE_OPENS, 1L), Map.entry(Counter.UNIQUE_HUMAN_OPENS, -1L));
        assertThat(state.humanOpened()).isFalse();
    }

    @Test
    void deliveryTimesHitsWhereTheSendRequestCannot() {
        final Hit hit = Hit.newBuilder().setHitId("h").setKind(HitKind.CLICK).setToken("t")
                .setReceivedAt(SENT.plusSeconds(62)).setUserAgent(CHROME).setNetwork(null).setIpPrefix(null).build();

        assertThat(counter.attributed(hit, MESSAGE, 0, null, true, null).verdict().human())
                .as("a minute after the send request").isTrue();
        assertThat(counter.attributed(hit, MESSAGE, 0, null, true, SENT.plusSeconds(60)).verdict().reasons())
                .as("two seconds after the queued send was delivered").contains(Reason.SOON_AFTER_DELIVERY);
    }

    @Test
    void personsOwnOpenIsNotTakenBackByALaterBurst() {
        hit(HitKind.OPEN, -1, LATER, CHROME, null);
        hit(HitKind.CLICK, 0, LATER.plusSeconds(60), CHROME, null);
        hit(HitKind.CLICK, 1, LATER.plusSeconds(60).plusMillis(100), CHROME, null);

        final Counted third = hit(HitKind.CLICK, 2, LATER.plusSeconds(60).plusMillis(200), CHROME, null);

        assertThat(third.delta().get(Counter.UNIQUE_HUMAN_OPENS)).isZero();
        assertThat(third.delta().get(Counter.UNIQUE_HUMAN_CLICKS)).isEqualTo(-1);
        assertThat(state.humanOpened()).isTrue();
    }

    @Test
    void clicksOnOneLinkOrSlowerThanTheWindowAreNoBurst() {
        hit(HitKind.CLICK, 0, LATER, CHROME, null);
        hit(HitKind.CLICK, 0, LATER.plusMillis(100), CHROME, null);
        hit(HitKind.CLICK, 1, LATER.plusSeconds(3), CHROME, null);
        final Counted last = hit(HitKind.CLICK, 2, LATER.plusSeconds(6), CHROME, null);

        assertThat(last.verdict().hitClass()).isEqualTo(HitClass.HUMAN);
        assertThat(last.delta().get(Counter.MACHINE_CLICKS)).isZero();
    }

    @Test
    void unattributedHitsCountAnonymouslyAndRejectedOnesOnlyAsRejected() {
        final Hit open = Hit.newBuilder().setHitId("h").setKind(HitKind.OPEN).setToken("t").setReceivedAt(LATER)
                .setUserAgent(CHROME).setNetwork(null).setIpPrefix(null).build();
        assertThat(nonZero(counter.unattributed(open, MESSAGE.campaign(), SENT, null, -1).delta())).containsOnly(
                Map.entry(Counter.OPENS, 1L), Map.entry(Counter.HUMAN_OPENS, 1L), Map.entry(Counter.ANONYMOUS_OPENS, 1L));

        final CampaignDelta rejected = HitCounter.rejected(null, LATER.toEpochMilli());
        assertThat(rejected.key()).isEqualTo(CampaignKey.REJECTED);
        assertThat(nonZero(rejected)).containsOnly(Map.entry(Counter.REJECTED_HITS, 1L));
        assertThat(HitCounter.rejected(MESSAGE.campaign(), 0).key()).isEqualTo("spring:A");
    }

    @Test
    void messagesAreTrackedOnlyWithinTheHorizonAfterTheirSend() {
        final Duration horizon = Duration.ofDays(30);
        assertThat(HitCounter.tracked(SENT, SENT.plus(Duration.ofDays(29)), horizon)).isTrue();
        assertThat(HitCounter.tracked(SENT, SENT.plus(Duration.ofDays(31)), horizon)).isFalse();
        assertThat(HitCounter.tracked(SENT.plus(Duration.ofHours(2)), SENT, horizon)).as("clock skew").isTrue();
        assertThat(HitCounter.tracked(SENT.plus(Duration.ofDays(400)), SENT, horizon)).as("a send time far ahead")
                .isFalse();
    }
}
