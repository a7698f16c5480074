package io.pixelgate.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Purpose;
import io.pixelgate.testkit.TestCluster;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The preferences page under the inputs issue 9 lists: purposes ticked without the one they
 * need, forms shown before a later change or long ago, captured forms replayed, floods of POSTs,
 * one-click withdrawals from mail clients, GETs. Real HTTP, real broker; what reached
 * consent-changes is checked each time.
 */
class PreferencesHttpTest {

    private static final Duration KAFKA_WAIT = Duration.ofSeconds(30);
    /** How long to watch consent-changes for a record that must not come. */
    private static final Duration NOTHING_WAIT = Duration.ofSeconds(3);
    private static final Duration WITHDRAWAL_WINDOW = Duration.ofSeconds(2);
    private static final String ENGLISH = EdgeSettings.WORDING.defaultText() + ".en";

    private static TestEdge edge;

    @BeforeAll
    static void startEdge() {
        edge = TestEdge.start(Map.of(EdgeSettings.WITHDRAWAL_WINDOW.key(), WITHDRAWAL_WINDOW.toString()),
                TestCluster.shared()::newRuntime);
    }

    @AfterAll
    static void stopEdge() {
        edge.close();
    }

    @Test
    void aPurposeTickedWithoutTheOneItNeedsIsExplainedAndNothingIsRecordedUntilTheFormIsComplete() {
        final String profileId = newProfile();
        final Form form = Form.open(edge, edge.preferences(profileId), "en");

        final HttpResponse<byte[]> again = form.post("decision=accept&purpose=ENGAGEMENT_PROFILING");

        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(text(again)).contains("&quot;Engagement profile&quot; needs &quot;Measuring opens&quot;")
                .contains("Nothing was recorded")
                .contains("id=\"purpose-ENGAGEMENT_PROFILING\" checked>")
                .contains("id=\"purpose-OPEN_MEASUREMENT\">");
        assertThat(changesOf(profileId, 1, NOTHING_WAIT)).isEmpty();

        final HttpResponse<byte[]> confirmation = form.again(again)
                .post("decision=accept&purpose=ENGAGEMENT_PROFILING&purpose=OPEN_MEASUREMENT");

        assertThat(confirmation.statusCode()).isEqualTo(200);
        final List<ConsentChange> changes = changesOf(profileId, 2, KAFKA_WAIT);
        assertThat(byStatus(changes)).isEqualTo(Map.of(
                ConsentStatus.GRANTED, List.of(Purpose.OPEN_MEASUREMENT, Purpose.ENGAGEMENT_PROFILING),
                ConsentStatus.DENIED, List.of(Purpose.CROSS_CHANNEL)));
        assertThat(changes).allSatisfy(change -> {
            assertThat(change.getFormShownAt()).isNotNull().isBefore(change.getOccurredAt());
            assertThat(change.getOccurredAt()).isEqualTo(changes.get(0).getOccurredAt());
            assertThat(change.getWordingVersion()).isEqualTo(ENGLISH);
        });
        assertThat(changes.get(0).getEventId()).isNotEqualTo(changes.get(1).getEventId());
    }

    @Test
    void theFrenchPageExplainsInFrench() {
        final Form form = Form.open(edge, edge.preferences(newProfile()), "fr");

        final HttpResponse<byte[]> again = form.post("decision=accept&purpose=CROSS_CHANNEL");

        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(text(again)).contains("<html lang=\"fr\">")
                .contains("« Autres canaux » a besoin de « Mesure des ouvertures »");
    }

    @Test
    void aFormShownBeforeALaterChangeIsRefusedWithAPageThatSaysToReload() {
        final String profileId = newProfile();
        final String token = edge.preferences(profileId);
        final Form older = Form.open(edge, token, "en");
        final Form newer = Form.open(edge, token, "en");

        assertThat(newer.post("decision=refuse").statusCode()).isEqualTo(200);
        final HttpResponse<byte[]> stale = older.post("decision=accept&purpose=OPEN_MEASUREMENT");

        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(text(stale)).contains("This page is out of date").contains("Open the page again")
                .contains("href=\"/p/" + token + "?lang=en\"");
        assertThat(changesOf(profileId, 2, NOTHING_WAIT)).extracting(ConsentChange::getStatus)
                .containsExactly(ConsentStatus.DENIED);
    }

    @Test
    void aFormOlderThanTheMaximumAgeIsRefused() throws InterruptedException {
        try (TestEdge strict = TestEdge.start(Map.of(EdgeSettings.FORM_MAX_AGE.key(), "PT1S"),
                TestCluster.shared()::newRuntime)) {
            final Form form = Form.open(strict, strict.preferences(newProfile()), "en");
            Thread.sleep(1_500);

            final HttpResponse<byte[]> old = form.post("decision=accept&purpose=OPEN_MEASUREMENT");

            assertThat(old.statusCode()).isEqualTo(409);
            assertThat(text(old)).contains("This page is out of date");
            assertThat(EdgeHardeningTest.metric(strict, "pixelgate_edge_preferences_refused_total\\{reason=\"form-too-old\"}"))
                    .isEqualTo(1);
        }
    }

    @Test
    void aCapturedAcceptFormPostedAgainAfterAWithdrawalNeverGrantsAgain() {
        final String profileId = newProfile();
        final String token = edge.preferences(profileId);
        final Form captured = Form.open(edge, token, "en");
        final String accept = "decision=accept&purpose=OPEN_MEASUREMENT";
        assertThat(captured.post(accept).statusCode()).isEqualTo(200);
        assertThat(edge.postForm("/p/" + token + "/withdraw", "List-Unsubscribe=One-Click").statusCode()).isEqualTo(200);

        final HttpResponse<byte[]> replay = captured.post(accept);

        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(changesOf(profileId, 4, NOTHING_WAIT)).extracting(ConsentChange::getStatus)
                .containsExactly(ConsentStatus.GRANTED, ConsentStatus.DENIED, ConsentStatus.WITHDRAWN);
    }

    @Test
    void postsBeyondTheRateAre429WithAReadablePageButAWithdrawalStillGoesThrough() {
        final String profileId = newProfile();
        final String token = edge.preferences(profileId);
        final Form form = Form.open(edge, token, "en");
        for (int i = 0; i < EdgeSettings.RATE_LIMIT.defaultValue(); i++) {
            assertThat(form.post("decision=refuse").statusCode()).as("post %d", i + 1).isEqualTo(200);
        }

        final HttpResponse<byte[]> limited = form.post("decision=refuse");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
        assertThat(text(limited)).contains("Too many attempts").contains("Nothing was recorded");
        assertThat(edge.postForm("/p/" + token + "/withdraw", "").statusCode()).isEqualTo(200);
        assertThat(changesOf(profileId, EdgeSettings.RATE_LIMIT.defaultValue() + 2, NOTHING_WAIT))
                .extracting(ConsentChange::getStatus).hasSize(EdgeSettings.RATE_LIMIT.defaultValue() + 1)
                .endsWith(ConsentStatus.WITHDRAWN);
    }

    @Test
    void oneClickWithdrawalNeedsOnlyTheTokenWhateverTheBody() {
        final String profileId = newProfile();
        final String token = edge.preferences(profileId);

        final HttpResponse<byte[]> oneClick = edge.postForm("/p/" + token + "/withdraw", "List-Unsubscribe=One-Click",
                "User-Agent", "GoogleOneClick/1.0");

        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(text(oneClick)).contains("Your choice is recorded");
        final ConsentChange change = changesOf(profileId, 1, KAFKA_WAIT).get(0);
        assertThat(change.getStatus()).isEqualTo(ConsentStatus.WITHDRAWN);
        assertThat(change.getPurposes()).containsExactlyInAnyOrder(Purpose.values());
        assertThat(change.getWordingVersion()).as("no page was shown").isNull();
        assertThat(change.getFormShownAt()).isNull();
        assertThat(change.getEvidence().getUserAgent()).isEqualTo("GoogleOneClick/1.0");
        for (final String body : List.of("", "%%%not-a-form", "x=" + "y".repeat(100_000))) {
            assertThat(edge.postForm("/p/" + token + "/withdraw", body).statusCode()).as("body of %d chars", body.length())
                    .isEqualTo(200);
        }
        assertThat(edge.postForm("/p/forged/withdraw", "List-Unsubscribe=One-Click").statusCode()).isEqualTo(404);
    }

    @Test
    void thePagesOwnWithdrawButtonRecordsTheWordingAndWhenThePageWasShown() {
        final String profileId = newProfile();
        final Form form = Form.open(edge, edge.preferences(profileId), "en");
        final Instant before = Instant.now();

        assertThat(edge.postForm("/p/" + form.token() + "/withdraw", form.fields(), "Cookie", form.cookie())
                .statusCode()).isEqualTo(200);

        final ConsentChange change = changesOf(profileId, 1, KAFKA_WAIT).get(0);
        assertThat(change.getWordingVersion()).isEqualTo(ENGLISH);
        assertThat(change.getFormShownAt()).isNotNull().isBefore(before);
    }

    @Test
    void aFloodOfWithdrawalsIsAnsweredButRecordedOncePerWindow() throws InterruptedException {
        final String profileId = newProfile();
        final String token = edge.preferences(profileId);

        for (int i = 0; i < 20; i++) {
            assertThat(edge.postForm("/p/" + token + "/withdraw", "List-Unsubscribe=One-Click").statusCode())
                    .as("withdrawal %d", i + 1).isEqualTo(200);
        }
        final Instant last = Instant.now();

        assertThat(changesOf(profileId, 2, Duration.ofMillis(500))).as("at once: the first only").hasSize(1);
        Thread.sleep(WITHDRAWAL_WINDOW.toMillis());
        final List<ConsentChange> recorded = changesOf(profileId, 3, NOTHING_WAIT);
        assertThat(recorded).as("the first, then the last of the window when it closed").hasSize(2)
                .allSatisfy(change -> assertThat(change.getStatus()).isEqualTo(ConsentStatus.WITHDRAWN));
        assertThat(recorded.get(1).getOccurredAt()).isBeforeOrEqualTo(last).isAfter(recorded.get(0).getOccurredAt());
        assertThat(EdgeHardeningTest.metric(edge, "pixelgate_edge_withdrawals_coalesced_total")).isGreaterThanOrEqualTo(19);
    }

    @Test
    void aGetNeverWithdrawsNorGrants() {
        final String profileId = newProfile();
        final String token = edge.preferences(profileId);

        assertThat(edge.get("/p/" + token + "/withdraw").statusCode()).isIn(404, 405);
        assertThat(edge.get("/p/" + token + "?decision=accept&purpose=OPEN_MEASUREMENT").statusCode()).isEqualTo(200);
        assertThat(edge.get("/p/" + token + "/withdraw?List-Unsubscribe=One-Click").statusCode()).isIn(404, 405);

        assertThat(changesOf(profileId, 1, NOTHING_WAIT)).isEmpty();
    }

    private static String newProfile() {
        return "p-prefs-" + UUID.randomUUID();
    }

    private static List<ConsentChange> changesOf(final String profileId, final int atLeast, final Duration wait) {
        return TestCluster.shared().reader(edge.runtime().topics().consentChanges())
                .readUntil(records -> records.stream().filter(r -> r.key().equals(profileId)).count() >= atLeast, wait)
                .stream().filter(r -> r.key().equals(profileId)).map(ConsumerRecord::value).toList();
    }

    private static Map<ConsentStatus, List<Purpose>> byStatus(final List<ConsentChange> changes) {
        return changes.stream().collect(Collectors.toMap(ConsentChange::getStatus,
                change -> change.getPurposes().stream().sorted().toList()));
    }

    static String text(final HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** A preferences page as a browser holds it: its cookie and its form's hidden fields. */
    record Form(TestEdge edge, String token, String cookie, String csrf, String wording) {

        static Form open(final TestEdge edge, final String token, final String language) {
            final HttpResponse<byte[]> page = edge.get("/p/" + token + "?lang=" + language);
            assertThat(page.statusCode()).isEqualTo(200);
            final String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            return new Form(edge, token, cookie, EdgeHttpTest.formField(text(page), "csrf"),
                    EdgeHttpTest.formField(text(page), "wording"));
        }

        /** The same browser on the page the edge answered with (a form shown again). */
        Form again(final HttpResponse<byte[]> page) {
            return new Form(edge, token, cookie, EdgeHttpTest.formField(text(page), "csrf"),
                    EdgeHttpTest.formField(text(page), "wording"));
        }

        String fields() {
            return "wording=" + wording + "&csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        }

        HttpResponse<byte[]> post(final String choice) {
            return edge.postForm("/p/" + token, fields() + "&" + choice, "Cookie", cookie, "Origin", edge.baseUrl());
        }
    }
}
