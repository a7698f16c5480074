package io.pixelgate.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pixelgate.edge.prefs.PreferencesPages;
import io.pixelgate.events.ConsentMethod;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.testkit.SealedLedger;
import io.pixelgate.testkit.TestCluster;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /p/{token}/receipt} over real HTTP, the ledger on the real broker and registry as
 * consent-events writes it under the erasure contract ({@link SealedLedger}).
 */
class ReceiptHttpTest {

    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");
    private static final int RATE_LIMIT = 3;

    private static TestEdge edge;
    private static SealedLedger ledger;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startEdge() {
        edge = TestEdge.start(Map.of(EdgeSettings.RATE_LIMIT.key(), Integer.toString(RATE_LIMIT),
                "proof.controller.name", "Acme Shop", "proof.controller.contact", "dpo@acme.example"),
                TestCluster.shared()::newRuntime);
        ledger = new SealedLedger(TestCluster.shared(), edge.runtime().topics());
    }

    @AfterAll
    static void stopEdge() {
        ledger.close();
        edge.close();
    }

    @Test
    void thePageLinksToTheReceiptsWhichShowTheChoicesWithTheEmailUntilAnErasure() throws Exception {
        // given a grant on the page and a withdrawal by the CRM
        final String profileId = newProfile();
        final byte[] key = ledger.newKey(profileId, AT);
        ledger.change(profileId, key, "pp-1", ConsentStatus.GRANTED, "preferences-v2.en", ConsentMethod.PREFERENCE_PAGE, AT);
        ledger.change(profileId, key, "crm-2", ConsentStatus.WITHDRAWN, null, ConsentMethod.API, AT.plusSeconds(60));
        final String token = edge.preferences(profileId);

        // when the person opens the page, then its receipt link
        final String page = text(edge.get("/p/" + token));
        final HttpResponse<byte[]> receipt = edge.get("/p/" + token + "/receipt?lang=en");

        // then the page links to the receipts, which show both choices with the person's email
        assertThat(page).contains("href=\"/p/" + token + "/receipt?lang=en\"");
        assertThat(receipt.statusCode()).isEqualTo(200);
        assertThat(receipt.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(receipt.headers().firstValue("Content-Security-Policy"))
                .hasValue(PreferencesPages.CONTENT_SECURITY_POLICY);
        assertThat(receipt.headers().firstValue("Cache-Control")).hasValue("no-store");
        final String html = text(receipt);
        assertThat(html).contains("Your consent receipts").contains("Acme Shop").contains("dpo@acme.example")
                .contains(SealedLedger.email(profileId, "pp-1")).contains(SealedLedger.email(profileId, "crm-2"))
                .contains("data-purpose=\"OPEN_MEASUREMENT\" data-status=\"WITHDRAWN\"");
        assertThat(html.split("class=\"receipt\"", -1)).hasSize(3);

        // when an erasure deletes the key, then the receipts are the skeleton and say so
        ledger.erase(profileId, "er-9", AT.plusSeconds(120));
        final String erased = text(edge.get("/p/" + token + "/receipt"));
        assertThat(erased).contains("was erased at").contains("er-9").contains("data-personal=\"ERASED\"")
                .doesNotContain("@mail.example").doesNotContain("UA pp-1");
    }

    @Test
    void jsonIsGivenForFormatJsonOrAnAcceptHeaderAskingForIt() throws Exception {
        final String profileId = newProfile();
        final byte[] key = ledger.newKey(profileId, AT);
        ledger.change(profileId, key, "crm-1", ConsentStatus.GRANTED, "tracking-v3", ConsentMethod.CRM_IMPORT, AT);
        final String token = edge.preferences(profileId);

        final HttpResponse<byte[]> byQuery = edge.get("/p/" + token + "/receipt?format=json");
        final HttpResponse<byte[]> byAccept = edge.get("/p/" + token + "/receipt", "Accept", "application/json");

        for (final HttpResponse<byte[]> response : java.util.List.of(byQuery, byAccept)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
            final JsonNode report = json.readTree(response.body());
            assertThat(report.get("piiPrincipalId").asText()).isEqualTo(profileId);
            assertThat(report.get("receipts")).hasSize(1);
            final JsonNode only = report.get("receipts").get(0);
            assertThat(only.get("eventId").asText()).isEqualTo("crm-1");
            assertThat(only.get("method").asText()).isEqualTo("CRM_IMPORT");
            assertThat(only.get("notice").get("onFile").asText()).isEqualTo("not on file");
            assertThat(only.get("personalData").get("email").asText()).isEqualTo(SealedLedger.email(profileId, "crm-1"));
            assertThat(report.get("currentStatus").get("OPEN_MEASUREMENT").get("status").asText()).isEqualTo("GRANTED");
        }
    }

    @Test
    void aBadTokenIsNotFoundAndNothingIsRead() {
        final HttpResponse<byte[]> response = edge.get("/p/not-a-token/receipt?format=json");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(text(response)).doesNotContain("receipts\"");
    }

    @Test
    void receiptsAreRateLimitedPerProfileAsThePostsAre() {
        final String token = edge.preferences(newProfile());

        for (int i = 0; i < RATE_LIMIT; i++) {
            assertThat(edge.get("/p/" + token + "/receipt").statusCode()).as("request %d", i + 1).isEqualTo(200);
        }
        final HttpResponse<byte[]> limited = edge.get("/p/" + token + "/receipt");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(edge.get("/p/" + edge.preferences(newProfile()) + "/receipt").statusCode())
                .as("another profile").isEqualTo(200);
    }

    private static String newProfile() {
        return "r-" + UUID.randomUUID();
    }

    private static String text(final HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
