package io.pixelgate.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.edge.hits.Hits;
import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Hit;
import io.pixelgate.events.HitKind;
import io.pixelgate.events.Purpose;
import io.pixelgate.schemas.Topic;
import io.pixelgate.testkit.TestCluster;
import io.pixelgate.tokens.Preferences;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The edge over real HTTP, writing to the real embedded broker and registry (SPEC.md section 3). */
class EdgeHttpTest {

    private static final Duration KAFKA_WAIT = Duration.ofSeconds(30);
    /** 17.0.0.0/8 is Apple's; the edge is told to trust the loopback proxy that forwards it. */
    private static final String APPLE_CLIENT = "17.58.23.201";

    private static TestEdge edge;

    @BeforeAll
    static void startEdge() {
        edge = TestEdge.start(Map.of(EdgeSettings.TRUSTED_PROXIES.key(), "127.0.0.1/32,::1/128"),
                TestCluster.shared()::newRuntime);
    }

    @AfterAll
    static void stopEdge() {
        edge.close();
    }

    @Test
    void pixelAnswersTheTransparentGifUncachedAndWritesTheHitKeyedByProfile() throws IOException {
        final String token = edge.personalPixel("p-pixel");

        final HttpResponse<byte[]> response = edge.get("/o/" + token + ".gif", "User-Agent", "Mozilla/5.0 (test)");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/gif");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.body()).hasSize(42).startsWith("GIF89a".getBytes(StandardCharsets.US_ASCII));
        final BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
        assertThat(image.getWidth()).isEqualTo(1);
        assertThat(image.getHeight()).isEqualTo(1);
        assertThat(image.getRGB(0, 0) >>> 24).as("alpha of the only pixel").isZero();

        final ConsumerRecord<String, Hit> hit = hitWithToken(edge.runtime().topics().openHits(), token);
        assertThat(hit.key()).isEqualTo("p-pixel");
        assertThat(hit.value().getKind()).isEqualTo(HitKind.OPEN);
        assertThat(hit.value().getUserAgent()).isEqualTo("Mozilla/5.0 (test)");
        assertThat(hit.value().getReceivedAt()).isNotNull();
    }

    @Test
    void forgedPixelTokenGetsTheSameImageAndIsWrittenAsInvalid() {
        final String genuine = edge.personalPixel("p-forged");
        final String forged = genuine.substring(0, genuine.length() - 2) + (genuine.endsWith("AA") ? "BA" : "AA");
        final byte[] genuineBody = edge.get("/o/" + genuine + ".gif").body();

        final HttpResponse<byte[]> response = edge.get("/o/" + forged + ".gif");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.body()).isEqualTo(genuineBody);
        assertThat(hitWithToken(edge.runtime().topics().openHits(), forged).key()).isEqualTo(Hits.INVALID_KEY);
    }

    @Test
    void anonymousPixelHitIsKeyedByCampaign() {
        final String token = edge.anonymousPixel("campaign-anon-" + UUID.randomUUID());

        assertThat(edge.get("/o/" + token + ".gif").statusCode()).isEqualTo(200);

        assertThat(hitWithToken(edge.runtime().topics().openHits(), token).key()).startsWith("campaign-anon-");
    }

    @Test
    void clickRedirectsToTheLinkTargetAndWritesTheClickHit() {
        final String token = edge.link("p-click", "https://shop.example/spring?utm=mail");

        final HttpResponse<byte[]> response = edge.get("/c/" + token);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("https://shop.example/spring?utm=mail");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        final ConsumerRecord<String, Hit> hit = hitWithToken(edge.runtime().topics().clickHits(), token);
        assertThat(hit.key()).isEqualTo("p-click");
        assertThat(hit.value().getKind()).isEqualTo(HitKind.CLICK);
    }

    @Test
    void clickOnAnIriRedirectsToItsAsciiFormAndAnUnusableTargetIs404() {
        final String iri = edge.link("p-click-iri", "https://exämple.org/ü?q=ä");
        final String unusable = edge.link("p-click-iri", "https://straße.example/");

        final HttpResponse<byte[]> response = edge.get("/c/" + iri);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("https://xn--exmple-cua.org/%C3%BC?q=%C3%A4");
        assertThat(edge.get("/c/" + unusable).statusCode()).isEqualTo(404);
        assertThat(hitWithToken(edge.runtime().topics().clickHits(), unusable).key()).isEqualTo(Hits.INVALID_KEY);
    }

    @Test
    void forgedOrWrongKindClickTokenGets404AndNeverARedirect() {
        final String link = edge.link("p-click-forged", "https://shop.example/");
        final String forged = "x" + link.substring(1);
        final String pixelToken = edge.personalPixel("p-click-forged");

        for (final String token : List.of(forged, pixelToken, "not-a-token")) {
            final HttpResponse<byte[]> response = edge.get("/c/" + token);
            assertThat(response.statusCode()).as(token).isEqualTo(404);
            assertThat(response.headers().firstValue("Location")).as(token).isEmpty();
        }
        assertThat(hitWithToken(edge.runtime().topics().clickHits(), forged).key()).isEqualTo(Hits.INVALID_KEY);
    }

    @Test
    void hitKeepsTheNetworkAndATruncatedPrefixButNeverTheFullAddress() {
        final String token = edge.personalPixel("p-privacy");

        edge.get("/o/" + token + ".gif", "X-Forwarded-For", APPLE_CLIENT, "User-Agent", "Mozilla/5.0");

        final String topic = edge.runtime().topics().openHits().name();
        final List<ConsumerRecord<String, byte[]>> raw = RawRecords.readUntil(TestCluster.shared().bootstrapServers(),
                topic, records -> records.stream().anyMatch(r -> contains(r.value(), token)), KAFKA_WAIT);
        final ConsumerRecord<String, byte[]> record = raw.stream().filter(r -> contains(r.value(), token)).findFirst()
                .orElseThrow();
        final Hit hit = edge.runtime().topics().openHits().valueSerde().decode(record.value());
        assertThat(hit.getNetwork()).isEqualTo("apple-mpp");
        assertThat(hit.getIpPrefix()).isEqualTo("17.58.23.0/24");
        assertThat(contains(record.value(), APPLE_CLIENT)).as("full client address in the stored bytes").isFalse();
        assertThat(contains(record.value(), "127.0.0.1")).as("full proxy address in the stored bytes").isFalse();
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        try (TestEdge untrusting = TestEdge.start(Map.of(), TestCluster.shared()::newRuntime)) {
            final String token = untrusting.personalPixel("p-untrusted");

            untrusting.get("/o/" + token + ".gif", "X-Forwarded-For", APPLE_CLIENT);

            final Hit hit = hitWithToken(untrusting.runtime().topics().openHits(), token).value();
            assertThat(hit.getNetwork()).isNull();
            assertThat(hit.getIpPrefix()).isEqualTo("127.0.0.0/24");
        }
    }

    @Test
    void healthIsUpAndMetricsCountAnsweredRequests() {
        edge.get("/o/" + edge.personalPixel("p-metrics") + ".gif");

        final HttpResponse<byte[]> health = edge.get("/health");
        final HttpResponse<byte[]> metrics = edge.get("/metrics");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(text(health)).contains("\"status\":\"UP\"");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(text(metrics)).contains("pixelgate_edge_requests_total{endpoint=\"pixel\"}")
                .contains("pixelgate_edge_records_dropped_total{reason=\"overflow\",type=\"open-hit\"} 0.0")
                .contains("pixelgate_edge_records_buffered");
    }

    @Test
    void preferencesPageIsNeverAConsentChangeAndRejectsForeignPosts() {
        final String token = edge.preferences("p-csrf-" + UUID.randomUUID());

        final HttpResponse<byte[]> page = edge.get("/p/" + token, "Accept-Language", "fr-FR,fr;q=0.9,en;q=0.5");
        final String field = formField(text(page), "csrf");
        final String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(text(page)).contains("<html lang=\"fr\">").contains("value=\"" + EdgeSettings.WORDING.defaultText() + ".fr\"")
                .doesNotContain("checked");
        assertThat(page.headers().firstValue("Set-Cookie").orElseThrow()).contains("SameSite=Strict").containsIgnoringCase("HttpOnly");
        final String form = "wording=preferences-v1.fr&csrf=" + field + "&decision=accept&purpose=OPEN_MEASUREMENT";
        assertThat(edge.postForm("/p/" + token, form).statusCode()).as("no cookie").isEqualTo(403);
        assertThat(edge.postForm("/p/" + token, form, "Cookie", cookie, "Sec-Fetch-Site", "cross-site").statusCode())
                .as("cross-site").isEqualTo(403);
        assertThat(edge.postForm("/p/" + token, form, "Cookie", cookie, "Origin", "https://evil.example").statusCode())
                .as("foreign origin").isEqualTo(403);
        assertThat(edge.postForm("/p/" + token, form.replace(field, "AAAAAAAAAAAAAAAAAAAAAA"), "Cookie", cookie)
                .statusCode()).as("wrong field").isEqualTo(403);
        assertThat(edge.postForm("/p/" + edge.preferences("someone-else"), form, "Cookie", cookie).statusCode())
                .as("field of another page").isEqualTo(403);
        assertThat(consentChangesOf(token, 1, Duration.ofSeconds(3))).isEmpty();
    }

    @Test
    void withdrawalFromThePageRecordsEveryPurposeWithdrawn() {
        final String profileId = "p-withdraw-" + UUID.randomUUID();
        final String token = edge.preferences(profileId);
        final HttpResponse<byte[]> page = edge.get("/p/" + token, "Accept-Language", "en");
        final String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        final String form = "wording=preferences-v1.en&csrf=" + formField(text(page), "csrf");

        final HttpResponse<byte[]> confirmation = edge.postForm("/p/" + token + "/withdraw", form, "Cookie", cookie,
                "Origin", edge.baseUrl(), "User-Agent", "Mozilla/5.0 (withdraw)");

        assertThat(confirmation.statusCode()).isEqualTo(200);
        assertThat(text(confirmation)).contains("Your choice is recorded");
        final List<ConsentChange> changes = consentChangesOf(token, 1, KAFKA_WAIT);
        assertThat(changes).hasSize(1);
        final ConsentChange change = changes.get(0);
        assertThat(change.getProfileId()).isEqualTo(profileId);
        assertThat(change.getStatus()).isEqualTo(ConsentStatus.WITHDRAWN);
        assertThat(change.getPurposes()).containsExactlyInAnyOrder(Purpose.values());
        assertThat(change.getWordingVersion()).isEqualTo("preferences-v1.en");
        assertThat(change.getSource()).isEqualTo("edge");
        assertThat(change.getEmail()).isNull();
        assertThat(change.getEvidence().getUserAgent()).isEqualTo("Mozilla/5.0 (withdraw)");
        assertThat(change.getEvidence().getIp()).isEqualTo("127.0.0.0/24");
    }

    @Test
    void invalidPreferencesTokenGets404() {
        final HttpResponse<byte[]> response = edge.get("/p/forged-token", "Accept-Language", "en");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(text(response)).contains("This link is not valid");
    }

    private static ConsumerRecord<String, Hit> hitWithToken(final Topic<Hit> topic, final String token) {
        return TestCluster.shared().reader(topic)
                .readUntil(records -> records.stream().anyMatch(r -> r.value().getToken().equals(token)), KAFKA_WAIT)
                .stream().filter(r -> r.value().getToken().equals(token)).findFirst()
                .orElseThrow(() -> new AssertionError("no hit with token " + token + " in " + topic.name()));
    }

    /** The consent changes of the profile behind preferences token {@code token}. */
    private static List<ConsentChange> consentChangesOf(final String token, final int atLeast, final Duration wait) {
        final String profileId = edge.codec().open(token, Preferences.class).toOptional()
                .orElseThrow().profileId();
        return TestCluster.shared().reader(edge.runtime().topics().consentChanges())
                .readUntil(records -> records.stream().filter(r -> r.key().equals(profileId)).count() >= atLeast, wait)
                .stream().filter(r -> r.key().equals(profileId)).map(ConsumerRecord::value).toList();
    }

    static String formField(final String html, final String name) {
        final Matcher matcher = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        assertThat(matcher.find()).as("form field " + name).isTrue();
        return matcher.group(1);
    }

    private static String text(final HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static boolean contains(final byte[] bytes, final String text) {
        return new String(bytes, StandardCharsets.ISO_8859_1).contains(text);
    }
}
