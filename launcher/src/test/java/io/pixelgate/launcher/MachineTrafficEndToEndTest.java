package io.pixelgate.launcher;

import io.pixelgate.aggregator.AggregatorSettings;
import io.pixelgate.devcluster.EmbeddedKafka;
import io.pixelgate.events.CampaignStats;
import io.pixelgate.events.TrackedSend;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.schemas.Topics;
import io.pixelgate.system.Applications;
import io.pixelgate.testkit.TestClients;
import io.pixelgate.testkit.TestCluster;
import io.pixelgate.tokens.TokenKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static io.pixelgate.launcher.Journey.WAIT;
import static io.pixelgate.launcher.Journey.assertPixel;
import static io.pixelgate.launcher.Journey.awaitAll;
import static io.pixelgate.launcher.Journey.awaitLatest;
import static io.pixelgate.launcher.Journey.consent;
import static io.pixelgate.launcher.Journey.latestByKey;
import static io.pixelgate.launcher.Journey.send;
import static org.assertj.core.api.Assertions.assertThat;

/** Machine and human hits through the whole system, the edge over HTTP included (issue 14). */
class MachineTrafficEndToEndTest {

    private static final String THREE_LINKS = "<html><body><a href=\"https://shop.example/a\">A</a>"
            + "<a href=\"https://shop.example/b\">B</a><a href=\"https://shop.example/c\">C</a></body></html>";

    private final Journey journey = new Journey();

    /**
     * Machine and human traffic through the edge over HTTP, with the client address given the way a
     * trusted load balancer passes it on (X-Forwarded-For): a scanner's burst at delivery, Apple's
     * prefetch followed by the person's click, and a person behind Private Relay.
     */
    @Test
    void machineAndHumanHitsThroughTheEdgeAreCountedAsTheyShouldBe() throws Exception {
        final TestCluster cluster = TestCluster.shared();
        final int edgePort = EmbeddedKafka.freePort();
        final Path relayList = Files.createTempFile("egress-ip-ranges", ".csv");
        Files.writeString(relayList, "172.224.226.0/27,GB,GB-EN,London,\n");
        final PixelgateRuntime runtime = cluster.newRuntime(Map.of(
                CommonSettings.TOKEN_KEYS.key(), TokenKeys.generate("e2m").toConfigString(),
                "edge.port", Integer.toString(edgePort),
                "edge.public.url", "http://localhost:" + edgePort,
                "edge.trusted.proxies", "127.0.0.1/32,::1/128",
                "edge.networks.files", "apple-private-relay=" + relayList,
                "send.enricher.honeypot.url", "https://trap.example/",
                // Campaigns of one send each: their counters are what this test reads.
                AggregatorSettings.MIN_RECIPIENTS.key(), "0"));
        final Topics topics = runtime.topics();
        final Instant now = Instant.now();
        final Instant requested = now.minus(Duration.ofMinutes(20));
        try (Applications apps = Applications.start(Applications.available(), runtime, WAIT);
             TestClients clients = cluster.clients()) {
            for (final String profile : List.of("scanned", "apple", "relay")) {
                clients.sendJson(topics.consentChanges(), profile, consent("crm-" + profile, profile, "GRANTED",
                        "[\"OPEN_MEASUREMENT\"]", requested.minus(Duration.ofDays(1))));
            }
            awaitAll(cluster.reader(topics.consentState()), r -> r.key().equals("relay"));
            // given three queued sends: the scanned one delivered just now, the others an hour ago
            for (final String profile : List.of("scanned", "apple", "relay")) {
                clients.sendJson(topics.sendRequests(), "m-" + profile, send("m-" + profile, profile, "c-" + profile,
                        null, "MARKETING", requested, THREE_LINKS));
            }
            final Map<String, TrackedSend> sends = latestByKey(cluster.reader(topics.trackedSends()), 3);
            clients.sendJson(topics.deliveries(), "m-scanned", delivery("m-scanned", now));
            clients.sendJson(topics.deliveries(), "m-apple", delivery("m-apple", now.minus(Duration.ofHours(1))));
            clients.sendJson(topics.deliveries(), "m-relay", delivery("m-relay", now.minus(Duration.ofHours(1))));
            clients.sendJson(topics.deliveries(), "m-bad", "{\"messageId\":\"m-bad\",\"deliveredAt\":\"1970-01-02T00:00:00Z\"}");
            awaitAll(cluster.reader(topics.rejected()), r -> r.value().getReason().contains("deliveredAt"));

            // when a gateway fetches the pixel and follows every link, the honeypot too, at delivery
            final TrackedSend scanned = sends.get("m-scanned");
            final String gateway = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/126.0.0.0 Safari/537.36";
            assertPixel(journey.get(scanned.getPixelUrl(), gateway, "203.0.113.50"));
            for (final String link : Journey.links(scanned.getHtml())) {
                assertThat(journey.get(link, gateway, "203.0.113.50").statusCode()).isEqualTo(302);
            }
            // and Apple's proxy prefetches the second, whose reader later clicks on her phone
            final String safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
                    + "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
            assertPixel(journey.get(sends.get("m-apple").getPixelUrl(), "Mozilla/5.0", "17.58.63.12"));
            assertThat(journey.get(Journey.links(sends.get("m-apple").getHtml()).get(0), safari, "198.51.100.23").statusCode())
                    .isEqualTo(302);
            // and a person clicks the third in Safari behind iCloud Private Relay
            assertThat(journey.get(Journey.links(sends.get("m-relay").getHtml()).get(1), safari, "172.224.226.9").statusCode())
                    .isEqualTo(302);

            // then the gateway's hits are all a scanner's, nothing human
            final CampaignStats scan = awaitLatest(cluster.reader(topics.campaignStats()), "c-scanned",
                    s -> s.getOpens() >= 1 && s.getClicks() >= 4);
            assertThat(scan.getHumanOpens() + scan.getHumanClicks() + scan.getUniqueHumanOpens()).as("%s", scan).isZero();
            assertThat(scan.getSecurityScannerHits()).as("%s", scan).isEqualTo(5);
            assertThat(scan.getHitReasons()).as("%s", scan).containsKey("SECURITY_SCANNER/HONEYPOT_LINK");
            // and Apple's prefetch is a machine open, the click makes the message humanly opened
            final CampaignStats apple = awaitLatest(cluster.reader(topics.campaignStats()), "c-apple",
                    s -> s.getOpens() >= 1 && s.getClicks() >= 1);
            assertThat(apple.getAppleMppHits()).as("%s", apple).isEqualTo(1);
            assertThat(apple.getHumanClicks()).isEqualTo(1);
            assertThat(apple.getUniqueHumanOpens()).isEqualTo(1);
            assertThat(apple.getAppleMppOnlyMessages()).isZero();
            assertThat(apple.getEstimatedHumanOpenRate()).isEqualTo(1.0);
            // and the person behind Private Relay is a person
            final CampaignStats relay = awaitLatest(cluster.reader(topics.campaignStats()), "c-relay",
                    s -> s.getClicks() >= 1);
            assertThat(relay.getHumanClicks()).as("%s", relay).isEqualTo(1);
            assertThat(relay.getUniqueHumanOpens()).isEqualTo(1);
            assertThat(relay.getHitReasons()).containsEntry("HUMAN/APPLE_NETWORK_CLICK", 1L);
        } finally {
            Files.deleteIfExists(relayList);
        }
    }

    private static String delivery(final String messageId, final Instant at) {
        return "{\"messageId\":\"" + messageId + "\",\"deliveredAt\":\"" + at + "\",\"receivingServer\":\"mx.example.net\"}";
    }
}
