package io.pixelgate.aggregator.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.aggregator.AggregatorSettings;
import io.pixelgate.aggregator.campaign.CampaignDelta;
import io.pixelgate.aggregator.classify.Verdict;
import io.pixelgate.events.Hit;
import io.pixelgate.events.HitKind;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.tokens.CampaignIdentity;
import io.pixelgate.tokens.IdentifiedMode;
import io.pixelgate.tokens.Link;
import io.pixelgate.tokens.MessageIdentity;
import io.pixelgate.tokens.TokenKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A hit's verdict depends on its own facts and on what its own message saw, never on hits of other
 * messages: interleaving the messages' hits differently (each message's own order kept) gives every
 * hit the same verdict and every message the same counters.
 */
class VerdictOrderProperties {

    private static final Instant SENT = Instant.parse("2026-11-22T10:00:00Z");
    private static final AggregatorSettings SETTINGS = AggregatorSettings.from(PixelgateConfig.of(
            Map.of(CommonSettings.TOKEN_KEYS.key(), TokenKeys.generate("k").toConfigString())));
    private static final List<String> AGENTS = List.of("Mozilla/5.0",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
            "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
            "Mozilla/5.0 (compatible; Mimecast URL Protect)", "curl/8.4.0");
    private static final List<String> NETWORKS = Arrays.asList(null, "apple-mpp", "apple-private-relay",
            "google-image-proxy", "scanner-proofpoint");
    private static final List<String> PREFIXES = Arrays.asList(null, "203.0.113.0/24", "198.51.100.0/24");

    /** One hit of message {@code message}, the {@code order}-th of that message. */
    record TestHit(int message, int order, HitKind kind, int link, long millisAfterSend, String agent, String network,
                   String prefix) {
    }

    @Property(tries = 200)
    void verdictsNeverDependOnTheOrderOfOtherMessagesHits(@ForAll("hits") final List<TestHit> hits,
                                                         @ForAll final long seed) {
        final List<TestHit> interleaved = interleave(hits, new Random(seed));

        final Map<String, Verdict> inOrder = new HashMap<>();
        final Map<Integer, CampaignDelta> inOrderSums = count(hits, inOrder);
        final Map<String, Verdict> shuffled = new HashMap<>();
        final Map<Integer, CampaignDelta> shuffledSums = count(interleaved, shuffled);

        assertThat(shuffled).isEqualTo(inOrder);
        assertThat(shuffledSums.keySet()).isEqualTo(inOrderSums.keySet());
        shuffledSums.forEach((message, sum) -> assertThat(withoutTime(sum)).isEqualTo(withoutTime(inOrderSums.get(message))));
    }

    /** Counts the hits in the order given; each message has its own state, as in the message store. */
    private static Map<Integer, CampaignDelta> count(final List<TestHit> hits, final Map<String, Verdict> verdicts) {
        final HitCounter counter = new HitCounter(SETTINGS.classifier(), SETTINGS.score());
        final Map<Integer, MessageState> states = new HashMap<>();
        final Map<Integer, CampaignDelta> sums = new HashMap<>();
        for (final TestHit test : hits) {
            final MessageIdentity message = new MessageIdentity("m-" + test.message(), "p-" + test.message(),
                    new CampaignIdentity("c-" + test.message(), null, "default"), IdentifiedMode.PERSONAL,
                    SENT.toEpochMilli());
            final Hit hit = Hit.newBuilder().setHitId(test.message() + "/" + test.order()).setKind(test.kind())
                    .setToken("t").setReceivedAt(SENT.plusMillis(test.millisAfterSend())).setUserAgent(test.agent())
                    .setNetwork(test.network()).setIpPrefix(test.prefix()).build();
            final Counted counted = counter.attributed(hit, message, test.link(), states.get(test.message()), true,
                    test.message() % 2 == 0 ? SENT.plusSeconds(30) : null);
            states.put(test.message(), counted.message());
            verdicts.put(hit.getHitId(), counted.verdict());
            sums.merge(test.message(), counted.delta(), CampaignDelta::plus);
        }
        return sums;
    }

    private static String withoutTime(final CampaignDelta delta) {
        return delta.toString().replaceFirst(" at -?\\d+", "");
    }

    /** A random interleaving that keeps each message's hits in their order. */
    private static List<TestHit> interleave(final List<TestHit> hits, final Random random) {
        final Map<Integer, List<TestHit>> byMessage = new HashMap<>();
        hits.forEach(hit -> byMessage.computeIfAbsent(hit.message(), m -> new ArrayList<>()).add(hit));
        final List<TestHit> out = new ArrayList<>();
        while (out.size() < hits.size()) {
            final List<Integer> left = byMessage.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                    .map(Map.Entry::getKey).sorted().toList();
            out.add(byMessage.get(left.get(random.nextInt(left.size()))).remove(0));
        }
        return out;
    }

    @Provide
    Arbitrary<List<TestHit>> hits() {
        final Arbitrary<TestHit> hit = Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.of(HitKind.values()), Arbitraries.integers().between(-1, 4),
                Arbitraries.longs().between(0, 120_000), Arbitraries.of(AGENTS), Arbitraries.of(NETWORKS),
                Arbitraries.of(PREFIXES))
                .as((message, kind, link, at, agent, network, prefix) -> new TestHit(message, 0, kind,
                        kind == HitKind.OPEN ? -1 : link < 0 ? Link.HONEYPOT_INDEX : link, at, agent, network, prefix));
        return hit.list().ofMaxSize(40).map(VerdictOrderProperties::numbered);
    }

    /** Gives each hit its position within its message, and sorts each message's hits by time. */
    private static List<TestHit> numbered(final List<TestHit> hits) {
        final List<TestHit> sorted = new ArrayList<>(hits);
        sorted.sort(Comparator.comparingLong(TestHit::millisAfterSend));
        final Map<Integer, Integer> next = new HashMap<>();
        final List<TestHit> out = new ArrayList<>();
        for (final TestHit hit : sorted) {
            final int order = next.merge(hit.message(), 1, Integer::sum) - 1;
            out.add(new TestHit(hit.message(), order, hit.kind(), hit.link(), hit.millisAfterSend(), hit.agent(),
                    hit.network(), hit.prefix()));
        }
        return out;
    }
}
