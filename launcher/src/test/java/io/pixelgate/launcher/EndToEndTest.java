package io.pixelgate.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.devcluster.EmbeddedKafka;
import io.pixelgate.events.CampaignStats;
import io.pixelgate.events.ConsentLedgerEntry;
import io.pixelgate.events.ConsentMethod;
import io.pixelgate.events.ProfileEngagement;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurgeRecord;
import io.pixelgate.events.TrackedSend;
import io.pixelgate.events.TrackingMode;
import io.pixelgate.platform.PixelgateConfig.Keys;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.schemas.Topics;
import io.pixelgate.testkit.TestClients;
import io.pixelgate.testkit.TestCluster;
import io.pixelgate.testkit.TopicReader;
import io.pixelgate.tokens.TokenKeys;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The whole system in one JVM on the embedded broker and registry, driven only as its users drive
 * it: a CRM and a send service through Kafka, mail clients and a recipient through HTTP. Every
 * expectation is a promise of SPEC.md.
 */
class EndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern LINK = Pattern.compile("href=\"(http://localhost:\\d+/c/[^\"]+)\"");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final String HTML = "<html><body><p>Spring sale</p>"
            + "<a href=\"https://shop.example/sale\">Shop</a></body></html>";
    private static final String THREE_LINKS = "<html><body><a href=\"https://shop.example/a\">A</a>"
            + "<a href=\"https://shop.example/b\">B</a><a href=\"https://shop.example/c\">C</a></body></html>";

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void consentSendsHitsAndAWithdrawalThroughThePreferencesPageBehaveAsSpecified() throws Exception {
        final TestCluster cluster = TestCluster.shared();
        final int edgePort = EmbeddedKafka.freePort();
        final PixelgateRuntime runtime = cluster.newRuntime(Map.of(
                Keys.TOKEN_KEYS, TokenKeys.generate("e2e").toConfigString(),
                "edge.port", Integer.toString(edgePort),
                "edge.public.url", "http://localhost:" + edgePort));
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
            assertPixel(get(ana.getPixelUrl()));
            assertPixel(get(bob.getPixelUrl()));
            assertPixel(get(sends.get("m-rcpt").getPixelUrl()));
            final HttpResponse<byte[]> click = get(firstLink(ana.getHtml()));
            assertThat(click.statusCode()).isEqualTo(302);
            assertThat(click.headers().firstValue("Location")).hasValue("https://shop.example/sale");
            assertThat(get("http://localhost:" + edgePort + "/c/forged").statusCode()).isEqualTo(404);

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
            final HttpResponse<byte[]> page = get(ana.getPreferencesUrl());
            assertThat(page.statusCode()).isEqualTo(200);
            final Matcher csrf = CSRF.matcher(new String(page.body(), StandardCharsets.UTF_8));
            assertThat(csrf.find()).as("the page has an anti-forgery field").isTrue();
            final HttpResponse<byte[]> withdrawn = post(ana.getPreferencesUrl() + "/withdraw",
                    "csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));
            assertThat(withdrawn.statusCode()).isEqualTo(200);

            // then the ledger proves it, her engagement is tombstoned and the purge is logged
            final ConsentLedgerEntry proof = awaitAll(cluster.reader(topics.consentLedger()),
                    r -> r.value().getChange().getMethod() == ConsentMethod.PREFERENCE_PAGE).value();
            assertThat(proof.getChange().getProfileId()).isEqualTo("ana");
            awaitLatest(cluster.reader(topics.profileEngagement()), "ana", Objects::isNull);
            final PurgeRecord purge = awaitAll(cluster.reader(topics.purgeLog()), r -> r.key().equals("ana")).value();
            assertThat(purge.getPurposes()).contains(Purpose.ENGAGEMENT_PROFILING);

            // and a later hit on her earlier email counts for the campaign only
            assertPixel(get(ana.getPixelUrl()));
            awaitLatest(cluster.reader(topics.campaignStats()), "spring:A", s -> s.getOpens() >= spring.getOpens() + 1);
            assertThat(latestByKey(cluster.reader(topics.profileEngagement()), 0).get("ana")).isNull();
        }
    }

    /**
     * Machine and human traffic through the edge over HTTP, with the client address given the way a
     * trusted load balancer passes it on (X-Forwarded-For): a scanner's burst at delivery, Apple's
     * prefetch followed by the person's click, and a person behind Private Relay.
     */
    @Test
    void machineAndHumanHitsThroughTheEdgeAreCountedAsTheyShouldBe() throws Exception {
        final TestCluster cluster = TestCluster.shared();
        final int edgePort = EmbeddedKafka.freePort();
        final java.nio.file.Path relayList = java.nio.file.Files.createTempFile("egress-ip-ranges", ".csv");
        java.nio.file.Files.writeString(relayList, "172.224.226.0/27,GB,GB-EN,London,\n");
        final PixelgateRuntime runtime = cluster.newRuntime(Map.of(
                Keys.TOKEN_KEYS, TokenKeys.generate("e2m").toConfigString(),
                "edge.port", Integer.toString(edgePort),
                "edge.public.url", "http://localhost:" + edgePort,
                "edge.trusted.proxies", "127.0.0.1/32,::1/128",
                "edge.networks.files", "apple-private-relay=" + relayList,
                "send.enricher.honeypot.url", "https://trap.example/"));
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
            assertPixel(get(scanned.getPixelUrl(), gateway, "203.0.113.50"));
            for (final String link : links(scanned.getHtml())) {
                assertThat(get(link, gateway, "203.0.113.50").statusCode()).isEqualTo(302);
            }
            // and Apple's proxy prefetches the second, whose reader later clicks on her phone
            final String safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
                    + "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
            assertPixel(get(sends.get("m-apple").getPixelUrl(), "Mozilla/5.0", "17.58.63.12"));
            assertThat(get(links(sends.get("m-apple").getHtml()).get(0), safari, "198.51.100.23").statusCode())
                    .isEqualTo(302);
            // and a person clicks the third in Safari behind iCloud Private Relay
            assertThat(get(links(sends.get("m-relay").getHtml()).get(1), safari, "172.224.226.9").statusCode())
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
            java.nio.file.Files.deleteIfExists(relayList);
        }
    }

    private static String delivery(final String messageId, final Instant at) {
        return "{\"messageId\":\"" + messageId + "\",\"deliveredAt\":\"" + at + "\",\"receivingServer\":\"mx.example.net\"}";
    }

    private static List<String> links(final String html) {
        final Matcher link = LINK.matcher(html);
        final List<String> found = new java.util.ArrayList<>();
        while (link.find()) {
            found.add(link.group(1).replace("&amp;", "&"));
        }
        assertThat(found).as("tracked links in %s", html).isNotEmpty();
        return found;
    }

    private HttpResponse<byte[]> get(final String url, final String agent, final String forwardedFor)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent", agent)
                .header("X-Forwarded-For", forwardedFor).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String consent(final String eventId, final String profileId, final String status,
                                  final String purposes, final Instant at) {
        return "{\"eventId\":\"" + eventId + "\",\"profileId\":\"" + profileId + "\",\"purposes\":" + purposes
                + ",\"status\":\"" + status + "\",\"occurredAt\":\"" + at + "\",\"source\":\"crm\","
                + "\"method\":\"SIGNUP_CHECKBOX\",\"wordingVersion\":\"tracking-v3\"}";
    }

    private static String send(final String messageId, final String profileId, final String campaign,
                               final String variant, final String category, final Instant at) {
        return send(messageId, profileId, campaign, variant, category, at, HTML);
    }

    private static String send(final String messageId, final String profileId, final String campaign,
                               final String variant, final String category, final Instant at, final String html) {
        return "{\"messageId\":\"" + messageId + "\",\"profileId\":\"" + profileId + "\",\"campaignId\":\"" + campaign
                + "\"," + (variant == null ? "" : "\"variant\":\"" + variant + "\",") + "\"category\":\"" + category
                + "\",\"requestedAt\":\"" + at + "\",\"html\":\"" + html.replace("\"", "\\\"") + "\"}";
    }

    private HttpResponse<byte[]> get(final String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Thunderbird/128.0").build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> post(final String url, final String form) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertPixel(final HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/gif");
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    }

    private static String firstLink(final String html) {
        final Matcher link = LINK.matcher(html);
        assertThat(link.find()).as("a tracked link in %s", html).isTrue();
        return link.group(1).replace("&amp;", "&");
    }

    private static <V extends SpecificRecord> ConsumerRecord<String, V> awaitAll(
            final TopicReader<V> reader, final Predicate<ConsumerRecord<String, V>> wanted) {
        final List<ConsumerRecord<String, V>> read = reader.readUntil(list -> list.stream().anyMatch(wanted), WAIT);
        return read.stream().filter(wanted).findFirst()
                .orElseThrow(() -> new AssertionError("no record as expected within " + WAIT + " among " + read));
    }

    private static <V extends SpecificRecord> V awaitLatest(final TopicReader<V> reader,
                                                            final String key, final Predicate<V> wanted) {
        final List<ConsumerRecord<String, V>> read = reader.readUntil(list -> latest(list, key)
                .map(r -> wanted.test(r.value())).orElse(false), WAIT);
        final ConsumerRecord<String, V> last = latest(read, key).filter(r -> wanted.test(r.value()))
                .orElseThrow(() -> new AssertionError("the latest record for " + key + " is not as expected within "
                        + WAIT + ": " + latest(read, key)));
        return last.value(); // null for a tombstone
    }

    private static <V> Optional<ConsumerRecord<String, V>> latest(final List<ConsumerRecord<String, V>> read,
                                                                           final String key) {
        ConsumerRecord<String, V> last = null;
        for (final ConsumerRecord<String, V> record : read) {
            if (record.key().equals(key)) {
                last = record;
            }
        }
        return Optional.ofNullable(last);
    }

    private static <V extends SpecificRecord> Map<String, V> latestByKey(final TopicReader<V> reader,
                                                                        final int atLeast) {
        final List<ConsumerRecord<String, V>> read = reader.readUntil(list -> list.size() >= atLeast
                && list.stream().map(ConsumerRecord::key).distinct().count() >= atLeast, atLeast == 0
                ? Duration.ofSeconds(3) : WAIT);
        final Map<String, V> latest = new HashMap<>();
        read.forEach(r -> latest.put(r.key(), r.value()));
        return latest;
    }
}
