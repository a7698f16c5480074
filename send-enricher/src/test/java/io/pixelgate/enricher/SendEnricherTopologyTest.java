package io.pixelgate.enricher;

import static io.pixelgate.enricher.Fixtures.EDGE;
import static io.pixelgate.enricher.Fixtures.HTML;
import static io.pixelgate.enricher.Fixtures.T0;
import static io.pixelgate.enricher.Fixtures.entry;
import static io.pixelgate.enricher.Fixtures.sendJson;
import static io.pixelgate.enricher.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import io.pixelgate.events.RejectedRecord;
import io.pixelgate.events.TrackedSend;
import io.pixelgate.events.TrackingMode;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.schemas.Topics;
import io.pixelgate.testkit.TopologyHarness;
import io.pixelgate.tokens.AnonymousPixel;
import io.pixelgate.tokens.CampaignIdentity;
import io.pixelgate.tokens.Claims;
import io.pixelgate.tokens.IdentifiedMode;
import io.pixelgate.tokens.Link;
import io.pixelgate.tokens.PersonalPixel;
import io.pixelgate.tokens.Preferences;
import io.pixelgate.tokens.TokenCodec;
import io.pixelgate.tokens.TokenKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SendEnricherTopologyTest {

    private static final Pattern TRACKED_LINK = Pattern.compile("href=\"" + Pattern.quote(EDGE) + "/c/([A-Za-z0-9_-]+)\"");

    private final TokenKeys keys = TokenKeys.generate("k1");
    private final TokenCodec codec = new TokenCodec(keys);
    private TopologyHarness harness;
    private Topics topics;
    private TestInputTopic<String, byte[]> sends;
    private TestInputTopic<String, ConsentState> consent;
    private TestInputTopic<String, byte[]> settings;
    private TestOutputTopic<String, TrackedSend> tracked;
    private TestOutputTopic<String, RejectedRecord> rejected;

    @BeforeEach
    void startDriver() {
        harness = TopologyHarness.start(new SendEnricherApplication(), Map.of(
                CommonSettings.TOKEN_KEYS.key(), keys.toConfigString(),
                CommonSettings.EDGE_PUBLIC_URL.key(), EDGE));
        topics = harness.topics();
        sends = harness.rawInput(topics.sendRequests());
        consent = harness.input(topics.consentState());
        settings = harness.rawInput(topics.projectSettings());
        tracked = harness.output(topics.trackedSends());
        rejected = harness.output(topics.rejected());
    }

    @AfterEach
    void closeDriver() {
        harness.close();
    }

    @Test
    void sendWithoutConsentGetsTheCampaignPixelAndAPreferencesFooter() {
        // given no consent for p-42; when a JSON send arrives
        sendJsonAt("m-1", "p-42", "MARKETING", T0, HTML);

        // then it is anonymous: the pixel names only the campaign and variant
        final TrackedSend send = tracked.readRecord().value();
        assertThat(send.getTrackingMode()).isEqualTo(TrackingMode.ANONYMOUS);
        assertThat(send.getReason()).isEqualTo("NO_CONSENT");
        assertThat(send.getConsentEventId()).isNull();
        assertThat(claims(send.getPixelUrl())).isEqualTo(new AnonymousPixel(new CampaignIdentity("spring-sale", "A", "default")));
        assertThat(claims(send.getPreferencesUrl())).isEqualTo(new Preferences("p-42", "default"));
        assertThat(send.getPixelUrl()).startsWith(EDGE + "/o/").endsWith(".gif");
        assertThat(send.getHtml()).contains(send.getPixelUrl()).contains(send.getPreferencesUrl());
        // and its link is tracked for the campaign only
        final Link link = (Link) trackedLinks(send.getHtml())[0];
        assertThat(link.send()).isEqualTo(new CampaignIdentity("spring-sale", "A", "default"));
        assertThat(link.targetUrl()).isEqualTo("https://shop.example/spring");
    }

    @Test
    void grantedOpenMeasurementMakesThePixelPersonalAndNamesTheGrant() {
        // given OPEN_MEASUREMENT granted at T0 by crm-1
        grant("p-42", "crm-1", T0);

        // when a send stamped after it arrives
        sendJsonAt("m-1", "p-42", "MARKETING", T0.plusSeconds(60), HTML);

        // then the pixel identifies the message, and the decision names crm-1
        final TrackedSend send = tracked.readRecord().value();
        assertThat(send.getTrackingMode()).isEqualTo(TrackingMode.PERSONAL);
        assertThat(send.getReason()).isEqualTo("CONSENT_GRANTED");
        assertThat(send.getConsentEventId()).isEqualTo("crm-1");
        final PersonalPixel pixel = (PersonalPixel) claims(send.getPixelUrl());
        assertThat(pixel.message().messageId()).isEqualTo("m-1");
        assertThat(pixel.message().profileId()).isEqualTo("p-42");
        assertThat(pixel.message().mode()).isEqualTo(IdentifiedMode.PERSONAL);
        assertThat(pixel.message().sentAt()).isEqualTo(T0.plusSeconds(60).toEpochMilli());
    }

    @Test
    void trackedSendIsKeyedByMessageIdAndStampedWithRequestedAt() {
        sendJsonAt("m-7", "p-1", "MARKETING", T0, null);

        final var record = tracked.readRecord();
        assertThat(record.key()).isEqualTo("m-7");
        assertThat(record.timestamp()).isEqualTo(T0.toEpochMilli());
        assertThat(record.value().getHtml()).isNull();
        assertThat(record.value().getRequestedAt()).isEqualTo(T0);
    }

    @Test
    void sendStampedBeforeAGrantThatArrivedFirstIsNotPersonal() {
        // given a grant at 10:10 that is processed first
        grant("p-1", "crm-1", T0.plusSeconds(600));

        // when a send stamped 10:05 arrives afterwards
        sendJsonAt("m-1", "p-1", "MARKETING", T0.plusSeconds(300), HTML);

        // then it is decided by the consent as of 10:05: none
        final TrackedSend send = tracked.readValue();
        assertThat(send.getTrackingMode()).isEqualTo(TrackingMode.ANONYMOUS);
        assertThat(send.getReason()).isEqualTo("NO_CONSENT");
    }

    @Test
    void sendStampedAfterALateWithdrawalIsDecidedWithoutOpenMeasurement() {
        // given a grant at 10:00, then a change of another purpose at 10:30 (a newer snapshot that still
        // shows the grant), then the withdrawal of 10:10 arriving late, after that newer snapshot
        final PurposeConsent granted = entry(Purpose.OPEN_MEASUREMENT, ConsentStatus.GRANTED, T0, "crm-1");
        final PurposeConsent profiling = entry(Purpose.ENGAGEMENT_PROFILING, ConsentStatus.GRANTED,
                T0.plusSeconds(1800), "page-2");
        final PurposeConsent withdrawn = entry(Purpose.OPEN_MEASUREMENT, ConsentStatus.WITHDRAWN,
                T0.plusSeconds(600), "crm-3");
        consent.pipeInput("p-1", state("p-1", granted), T0);
        consent.pipeInput("p-1", state("p-1", granted, profiling), T0.plusSeconds(1800));
        consent.pipeInput("p-1", state("p-1", withdrawn, profiling), T0.plusSeconds(600));

        // when sends stamped 10:20 and 10:40 arrive
        sendJsonAt("m-1", "p-1", "MARKETING", T0.plusSeconds(1200), HTML);
        sendJsonAt("m-2", "p-1", "MARKETING", T0.plusSeconds(2400), HTML);

        // then both are decided without OPEN_MEASUREMENT, withdrawn at 10:10
        assertThat(tracked.readValuesToList()).allSatisfy(send -> {
            assertThat(send.getTrackingMode()).isEqualTo(TrackingMode.ANONYMOUS);
            assertThat(send.getReason()).isEqualTo("WITHDRAWN");
        });
    }

    @Test
    void sendStampedBetweenGrantAndWithdrawalIsStillPersonal() {
        // given a grant at 10:00 and a withdrawal at 10:10, both known
        grant("p-1", "crm-1", T0);
        consent.pipeInput("p-1", state("p-1",
                entry(Purpose.OPEN_MEASUREMENT, ConsentStatus.WITHDRAWN, T0.plusSeconds(600), "crm-2")));

        // when a send stamped 10:05 arrives late
        sendJsonAt("m-1", "p-1", "MARKETING", T0.plusSeconds(300), HTML);

        // then it was sent while consent held
        final TrackedSend send = tracked.readValue();
        assertThat(send.getTrackingMode()).isEqualTo(TrackingMode.PERSONAL);
        assertThat(send.getConsentEventId()).isEqualTo("crm-1");
    }

    @Test
    void sendDecidedBeforeAnEarlierWithdrawalArrivesKeepsItsDecision() {
        // given a grant at 10:00 and a send stamped 10:20, decided at once
        grant("p-1", "crm-1", T0);
        sendJsonAt("m-1", "p-1", "MARKETING", T0.plusSeconds(1200), HTML);

        // when a withdrawal stamped 10:10 arrives only afterwards
        consent.pipeInput("p-1", state("p-1",
                entry(Purpose.OPEN_MEASUREMENT, ConsentStatus.WITHDRAWN, T0.plusSeconds(600), "crm-2")));
        sendJsonAt("m-2", "p-1", "MARKETING", T0.plusSeconds(1300), HTML);

        // then the first decision was made with what was known (decisions are never revised: the
        // open-aggregator stops attributing its hits); the next send is decided without the purpose
        assertThat(tracked.readValuesToList()).extracting(TrackedSend::getTrackingMode)
                .containsExactly(TrackingMode.PERSONAL, TrackingMode.ANONYMOUS);
    }

    @Test
    void aSendStampedAheadIsJudgedByTheConsentKnownAtItsArrivalAndOneTooFarAheadIsRejected() {
        // given a grant now, and another profile's grant that expires in five minutes
        final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        grant("p-1", "crm-1", now.minusSeconds(60));
        final PurposeConsent expiring = entry(Purpose.OPEN_MEASUREMENT, ConsentStatus.GRANTED, now.minusSeconds(60), "crm-2");
        expiring.setExpiresAt(now.plus(Duration.ofMinutes(5)));
        consent.pipeInput("p-2", state("p-2", expiring));

        // when both get a send stamped ten minutes ahead (a fast clock, within input.max.clock.skew),
        // received now, and a third is stamped a week ahead
        final Instant soon = now.plus(Duration.ofMinutes(10));
        sendJsonReceived("m-1", "p-1", soon, now);
        sendJsonReceived("m-2", "p-2", soon, now);
        sendJsonReceived("m-3", "p-1", now.plus(Duration.ofDays(7)), now);

        // then the first is personal, the second not (its grant will have expired by its time), and
        // neither record is stamped after its arrival; the third is rejected, naming the limit
        final var first = tracked.readRecord();
        final var second = tracked.readRecord();
        assertThat(first.value().getTrackingMode()).isEqualTo(TrackingMode.PERSONAL);
        assertThat(second.value().getReason()).isEqualTo("EXPIRED");
        assertThat(first.value().getRequestedAt()).isEqualTo(soon);
        assertThat(first.timestamp()).isEqualTo(now.toEpochMilli());
        assertThat(tracked.isEmpty()).isTrue();
        assertThat(rejected.readValue().getReason()).startsWith("field 'requestedAt': ")
                .contains("ahead of when the record was received").contains("input.max.clock.skew");
    }

    @Test
    void erasedConsentIsNoConsent() {
        grant("p-1", "crm-1", T0);
        consent.pipeInput("p-1", null, T0.plusSeconds(60));

        sendJsonAt("m-1", "p-1", "MARKETING", T0.plusSeconds(120), null);

        assertThat(tracked.readValue().getReason()).isEqualTo("NO_CONSENT");
    }

    @Test
    void consentRequestCarriesNothingAndKeepsItsHtmlByteForByte() {
        grant("p-1", "crm-1", T0);

        sendJsonAt("m-1", "p-1", "CONSENT_REQUEST", T0.plusSeconds(60), HTML);

        final TrackedSend send = tracked.readValue();
        assertThat(send.getTrackingMode()).isEqualTo(TrackingMode.NONE);
        assertThat(send.getReason()).isEqualTo("CONSENT_REQUEST");
        assertThat(send.getPixelUrl()).isNull();
        assertThat(send.getPreferencesUrl()).isNull();
        assertThat(send.getHtml()).isEqualTo(HTML);
    }

    @Test
    void transactionalSendWithoutConsentGetsADeliverabilityPixel() {
        sendJsonAt("m-1", "p-1", "TRANSACTIONAL", T0, HTML);

        final TrackedSend send = tracked.readValue();
        assertThat(send.getTrackingMode()).isEqualTo(TrackingMode.DELIVERABILITY);
        assertThat(send.getReason()).isEqualTo("TRANSACTIONAL_DELIVERABILITY");
        assertThat(((PersonalPixel) claims(send.getPixelUrl())).message().mode()).isEqualTo(IdentifiedMode.DELIVERABILITY);
    }

    @Test
    void projectSettingsFromJsonApplyToLaterSends() {
        // given a project that states ALWAYS, with its own tracking domain and no click tracking
        settings.pipeInput("default", bytes("{\"policy\":\"ALWAYS\",\"clickTracking\":false,"
                + "\"trackingBaseUrl\":\"https://t.shop.example/\"}"));

        // when a send without consent arrives
        sendJsonAt("m-1", "p-1", "MARKETING", T0, HTML);

        // then it is personal by policy, on the project's domain, with its link left alone
        final TrackedSend send = tracked.readValue();
        assertThat(send.getTrackingMode()).isEqualTo(TrackingMode.PERSONAL);
        assertThat(send.getReason()).isEqualTo("POLICY_ALWAYS");
        assertThat(send.getConsentEventId()).isNull();
        assertThat(send.getPixelUrl()).startsWith("https://t.shop.example/o/");
        assertThat(send.getPreferencesUrl()).startsWith("https://t.shop.example/p/");
        assertThat(send.getHtml()).contains("href=\"https://shop.example/spring\"");
    }

    @Test
    void unreadableProjectSettingsAreRejectedWithTheirReasonAndThePreviousOnesStay() {
        // given a project without anonymous statistics
        settings.pipeInput("default", bytes("{\"anonymousStats\":false}"));
        // when unreadable updates follow, then a send
        settings.pipeInput("default", bytes("{\"policy\":\"SOMETIMES\"}"));
        settings.pipeInput("default", bytes("not json"));
        settings.pipeInput("default", bytes("{\"anonymousStats\":\"no\"}"));
        settings.pipeInput("default", bytes("{\"clickTracking\":"));
        settings.pipeInput("default", new byte[] {0, 0, 0, 0, 7, 1});
        settings.pipeInput("default", bytes("{\"trackingBaseUrl\":\"javascript:alert(1)\"}"));
        settings.pipeInput(null, bytes("{\"anonymousStats\":true}"));
        sendJsonAt("m-1", "p-1", "MARKETING", T0, HTML);

        // then each went to the rejected topic with its reason, and the stream went on with the last
        // readable settings
        assertThat(rejected.readValuesToList()).allSatisfy(r -> assertThat(r.getSourceTopic())
                        .isEqualTo(topics.projectSettings().name()))
                .extracting(RejectedRecord::getReason).satisfiesExactly(
                        r -> assertThat(r).contains("field 'policy': 'SOMETIMES' is not one of"),
                        r -> assertThat(r).contains("neither Confluent-framed Avro"),
                        r -> assertThat(r).contains("field 'anonymousStats': must be true or false"),
                        r -> assertThat(r).contains("invalid JSON"),
                        r -> assertThat(r).contains("schema id 7 is unknown"),
                        r -> assertThat(r).contains("field 'trackingBaseUrl': must be an absolute http"),
                        r -> assertThat(r).contains("key is required"));
        final TrackedSend send = tracked.readValue();
        assertThat(send.getTrackingMode()).isEqualTo(TrackingMode.NONE);
        assertThat(send.getReason()).isEqualTo("ANONYMOUS_STATS_DISABLED");
        assertThat(send.getHtml()).isEqualTo(HTML);
    }

    @Test
    void aSendWithMoreLinksThanTheLimitIsRejectedNamingItAndTheNextIsProcessed() {
        final String manyLinks = "<html><body>" + "<a href=\"https://shop.example/p\">p</a>".repeat(20_000)
                + "</body></html>";
        final String html = manyLinks.substring(0, Math.min(manyLinks.length(), 500 * 1024));

        sendJsonAt("m-1", "p-1", "MARKETING", T0, html);
        sendJsonAt("m-2", "p-1", "MARKETING", T0, HTML);

        final RejectedRecord rejection = rejected.readValue();
        assertThat(rejection.getReason()).isEqualTo("field 'html': more than 2000 links to track, over the limit of "
                + "2000 (send.enricher.html.max.links)");
        // named as the send service wrote it, though it was refused after the repartition
        assertThat(rejection.getSourceTopic()).isEqualTo(topics.sendRequests().name());
        assertThat(tracked.readValuesToList()).extracting(TrackedSend::getMessageId).containsExactly("m-2");
    }

    @Test
    void invalidSendsGoToRejectedWithTheFieldAndTheStreamGoesOn() {
        sends.pipeInput("m-1", bytes("{\"messageId\":\" \",\"profileId\":\"p\",\"campaignId\":\"c\","
                + "\"category\":\"MARKETING\",\"requestedAt\":\"2026-03-01T10:00:00Z\"}"), T0);
        sends.pipeInput("m-2", bytes("{\"messageId\":\"m-2\",\"profileId\":\"p\",\"campaignId\":\"c\","
                + "\"category\":\"NEWSLETTER\",\"requestedAt\":\"2026-03-01T10:00:00Z\"}"), T0);
        sends.pipeInput("m-3", new byte[] {1, 2, 3}, T0);
        sendJsonAt("m-4", "p-1", "MARKETING", T0, null);

        assertThat(rejected.readValuesToList()).extracting(RejectedRecord::getReason).satisfiesExactly(
                reason -> assertThat(reason).contains("messageId").contains("blank"),
                reason -> assertThat(reason).contains("category").contains("NEWSLETTER"),
                reason -> assertThat(reason).contains("neither"));
        assertThat(tracked.readValue().getMessageId()).isEqualTo("m-4");
    }

    @Test
    void malformedHtmlNeverStopsTheStream() {
        final String broken = "<html><body <a href=\"https://x.example/a\" <a href='https://x.example/b>"
                + "<!-- unclosed <script>\"</body";

        sendJsonAt("m-1", "p-1", "MARKETING", T0, broken);
        sendJsonAt("m-2", "p-1", "MARKETING", T0, HTML);

        assertThat(tracked.readValuesToList()).extracting(TrackedSend::getMessageId).containsExactly("m-1", "m-2");
        assertThat(rejected.isEmpty()).isTrue();
    }

    @Test
    void everyProcessorStoreAndRepartitionHasAName() {
        final Topology topology = SendEnricherTopology.build(topics, Fixtures.settings(keys));

        final String described = topology.describe().toString();
        assertThat(described).doesNotContainPattern("-\\d{10}");
        assertThat(described).contains(SendEnricherTopology.BY_PROFILE, EnricherStores.CONSENT_STORE,
                EnricherStores.SETTINGS_STORE, SendEnricherTopology.ENRICH);
    }

    @Test
    void aGracePeriodStillBuildsWithNamedResources() {
        final EnricherSettings withGrace = new EnricherSettings(keys, EDGE, Duration.ofDays(7), Duration.ofSeconds(5),
                EnricherSettings.MAX_LINKS.defaultValue(), null);

        final String described = SendEnricherTopology.build(topics, withGrace).describe().toString();

        assertThat(described).doesNotContainPattern("-\\d{10}");
    }

    private void grant(final String profileId, final String eventId, final Instant at) {
        consent.pipeInput(profileId, state(profileId, entry(Purpose.OPEN_MEASUREMENT, ConsentStatus.GRANTED, at, eventId)),
                at);
    }

    private void sendJsonAt(final String messageId, final String profileId, final String category,
                            final Instant requestedAt, final String html) {
        // the Kafka timestamp is the produce time, later than requestedAt: the topology must not use it
        sends.pipeInput(messageId, bytes(sendJson(messageId, profileId, category, requestedAt, html)),
                requestedAt.plus(Duration.ofHours(1)));
    }

    private void sendJsonReceived(final String messageId, final String profileId, final Instant requestedAt,
                                  final Instant receivedAt) {
        sends.pipeInput(messageId, bytes(sendJson(messageId, profileId, "MARKETING", requestedAt, null)), receivedAt);
    }

    private Claims claims(final String url) {
        final String token = url.substring(url.lastIndexOf('/') + 1).replace(".gif", "");
        return codec.open(token).toOptional().orElseThrow();
    }

    private Claims[] trackedLinks(final String html) {
        final Matcher matcher = TRACKED_LINK.matcher(html);
        return matcher.results().map(match -> codec.open(match.group(1)).toOptional().orElseThrow())
                .toArray(Claims[]::new);
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
