package io.pixelgate.launcher;

import io.pixelgate.aggregator.AggregatorSettings;
import io.pixelgate.devcluster.EmbeddedKafka;
import io.pixelgate.events.CampaignStats;
import io.pixelgate.events.ConsentLedgerEntry;
import io.pixelgate.events.ConsentMethod;
import io.pixelgate.events.ProfileEngagement;
import io.pixelgate.events.PurgeRecord;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.TrackedSend;
import io.pixelgate.events.TrackingMode;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.schemas.Topics;
import io.pixelgate.system.Applications;
import io.pixelgate.testkit.TestClients;
import io.pixelgate.testkit.TestCluster;
import io.pixelgate.tokens.TokenKeys;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import static io.pixelgate.launcher.Journey.HTML;
import static io.pixelgate.launcher.Journey.WAIT;
import static io.pixelgate.launcher.Journey.assertPixel;
import static io.pixelgate.launcher.Journey.awaitAll;
import static io.pixelgate.launcher.Journey.awaitLatest;
import static io.pixelgate.launcher.Journey.consent;
import static io.pixelgate.launcher.Journey.firstLink;
import static io.pixelgate.launcher.Journey.latestByKey;
import static io.pixelgate.launcher.Journey.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole system in one JVM on the embedded broker and registry, driven only as its users drive
 * it: a CRM and a send service through Kafka, mail clients and a recipient through HTTP. Every
 * expectation is a promise of SPEC.md.
 */
class EndToEndTest {

    private final Journey journey = new Journey();


    @Test
    void consentSendsHitsAndAWithdrawalThroughThePreferencesPageBehaveAsSpecified() throws Exception {
        final TestCluster cluster = TestCluster.shared();
        final int edgePort = EmbeddedKafka.freePort();
        final PixelgateRuntime runtime = cluster.newRuntime(Map.of(
                CommonSettings.TOKEN_KEYS.key(), TokenKeys.generate("e2e").toConfigString(),
                "edge.port", Integer.toString(edgePort),
                "edge.public.url", "http://localhost:" + edgePort,
                // A campaign of two sends: its counters are what this test reads, not the small-campaign rule.
                AggregatorSettings.MIN_RECIPIENTS.key(), "0"));
        final Topics topics = runtime.topics();
        final Instant sentAt = Instant.now().minus(Duration.ofHours(1));
        try (Applications apps = Applications.start(Applications.available(), runtime, WAIT);
             TestClients clients = cluster.clients()) {
            assertThat(apps.endpoints()).contains("edge=http://localhost:" + edgePort);

            // given a CRM that records a grant for ana and nothing for bob
            clients.sendJson(topics.consentChanges(), "ana", consent("crm-1", "ana", "GRANTED",
                    "[\"OPEN_MEASUREMENT\",\"ENGAGEMENT_PROFILING\"]", sentAt.minus(Duration.ofDays(1))));
            awaitAll(cluster.reader(topics.consentState()), r -> r.key().equals("ana"));

            // when a send service sends a campaign to both, a consent request and a receipt to bob
            clients.sendJson(topics.sendRequests(), "m-ana", send("m-ana", "ana", "spring", "A", "MARKETING", sentAt));
            clients.sendJson(topics.sendRequests(), "m-bob", send("m-bob", "bob", "spring", "A", "MARKETING", sentAt));
            clients.sendJson(topics.sendRequests(), "m-ask", send("m-ask", "bob", "ask", null, "CONSENT_REQUEST", sentAt));
            clients.sendJson(topics.sendRequests(), "m-rcpt", send("m-rcpt", "bob", "receipts", null, "TRANSACTIONAL",
                    sentAt));

            // then each send is decided by SPEC.md's table and carries what its mode allows
            final Map<String, TrackedSend> sends = latestByKey(cluster.reader(topics.trackedSends()), 4);
            final TrackedSend ana = sends.get("m-ana");
            assertThat(ana.getTrackingMode()).isEqualTo(TrackingMode.PERSONAL);
            assertThat(ana.getConsentEventId()).isEqualTo("crm-1");
            assertThat(ana.getHtml()).contains(ana.getPixelUrl()).contains(ana.getPreferencesUrl())
                    .doesNotContain("href=\"https://shop.example/sale\"");
            final TrackedSend bob = sends.get("m-bob");
            assertThat(bob.getTrackingMode()).isEqualTo(TrackingMode.ANONYMOUS);
            assertThat(bob.getPixelUrl()).doesNotContain("bob").doesNotContain("m-bob");
            final TrackedSend ask = sends.get("m-ask");
            assertThat(ask.getTrackingMode()).isEqualTo(TrackingMode.NONE);
            assertThat(ask.getHtml()).isEqualTo(HTML);
            assertThat(ask.getPixelUrl()).isNull();
            assertThat(sends.get("m-rcpt").getTrackingMode()).isEqualTo(TrackingMode.DELIVERABILITY);

            // when mail clients load the pixels and ana follows the link
            assertPixel(journey.get(ana.getPixelUrl()));
            assertPixel(journey.get(bob.getPixelUrl()));
            assertPixel(journey.get(sends.get("m-rcpt").getPixelUrl()));
            final HttpResponse<byte[]> click = journey.get(firstLink(ana.getHtml()));
            assertThat(click.statusCode()).isEqualTo(302);
            assertThat(click.headers().firstValue("Location")).hasValue("https://shop.example/sale");
            assertThat(journey.get("http://localhost:" + edgePort + "/c/forged").statusCode()).isEqualTo(404);

            // then the campaign counts them, ana's engagement grows, and bob's receipt keeps only a date
            final CampaignStats spring = awaitLatest(cluster.reader(topics.campaignStats()), "spring:A",
                    s -> s.getOpens() >= 2 && s.getClicks() >= 1);
            assertThat(spring.getSentPersonal()).as("%s", spring).isEqualTo(1);
            assertThat(spring.getSentAnonymous()).isEqualTo(1);
            assertThat(spring.getUniqueOpens()).isGreaterThanOrEqualTo(spring.getUniqueClicks());
            assertThat(spring.getUniqueClicks()).as("%s", spring).isEqualTo(1);
            final ProfileEngagement engagement = awaitLatest(cluster.reader(topics.profileEngagement()), "ana",
                    e -> e != null && e.getOpens() >= 1);
            assertThat(engagement.getClicks()).isEqualTo(1);
            assertThat(awaitLatest(cluster.reader(topics.lastOpen()), "bob", Objects::nonNull).getLastOpenAt())
                    .isNotNull();
            assertThat(cluster.reader(topics.profileEngagement()).readUntil(r -> false, Duration.ofSeconds(2)))
                    .noneMatch(r -> r.key().equals("bob"));

            // when ana withdraws with one click on her preferences page
            assertThat(journey.withdrawOnPreferencesPage(ana.getPreferencesUrl()).statusCode()).isEqualTo(200);

            // then the ledger proves it, her engagement is tombstoned and the purge is logged
            final ConsentLedgerEntry proof = awaitAll(cluster.reader(topics.consentLedger()),
                    r -> r.value().getChange().getMethod() == ConsentMethod.PREFERENCE_PAGE).value();
            assertThat(proof.getChange().getProfileId()).isEqualTo("ana");
            awaitLatest(cluster.reader(topics.profileEngagement()), "ana", Objects::isNull);
            final PurgeRecord purge = awaitAll(cluster.reader(topics.purgeLog()), r -> r.key().equals("ana")).value();
            assertThat(purge.getPurposes()).contains(Purpose.ENGAGEMENT_PROFILING);

            // and a later hit on her earlier email counts for the campaign only
            assertPixel(journey.get(ana.getPixelUrl()));
            awaitLatest(cluster.reader(topics.campaignStats()), "spring:A", s -> s.getOpens() >= spring.getOpens() + 1);
            assertThat(latestByKey(cluster.reader(topics.profileEngagement()), 0).get("ana")).isNull();
        }
    }
}
