package io.pixelgate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentMethod;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.SendCategory;
import io.pixelgate.events.SendRequest;
import io.pixelgate.events.TrackedSend;
import io.pixelgate.events.TrackingMode;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Profile PROFILE = RecipientsTest.profile(MailClient.DIRECT, 0.5);

    @Test
    void aCrmGrantNamesTheWordingShownTheEvidenceAndAnExpiry() {
        final ConsentChange change = Records.consentChange(new CrmEvent(PROFILE, ConsentStatus.GRANTED,
                Set.of(Purpose.CROSS_CHANNEL, Purpose.OPEN_MEASUREMENT), ConsentMethod.SIGNUP_CHECKBOX), "run-crm1", NOW);

        assertThat(change.getSource()).isEqualTo("crm");
        assertThat(change.getWordingVersion()).isNotBlank();
        assertThat(change.getPurposes()).containsExactly(Purpose.OPEN_MEASUREMENT, Purpose.CROSS_CHANNEL);
        assertThat(change.getEvidence().getIp()).isEqualTo(PROFILE.home());
        assertThat(change.getExpiresAt()).isAfter(NOW);
        assertThat(change.getEmail()).endsWith("@example.org");
    }

    @Test
    void aRefusalDoesNotExpire() {
        final ConsentChange change = Records.consentChange(new CrmEvent(PROFILE, ConsentStatus.DENIED,
                Set.of(Purpose.values()), ConsentMethod.CRM_IMPORT), "run-crm2", NOW);

        assertThat(change.getExpiresAt()).isNull();
    }

    @Test
    void aSendRequestCarriesTheCampaignVariantAndHtml() {
        final SendRequest request = Records.sendRequest(new PlannedSend("run-m1", PROFILE, Campaigns.marketing(0), "B"),
                NOW);

        assertThat(request.getCategory()).isEqualTo(SendCategory.MARKETING);
        assertThat(request.getVariant()).isEqualTo("B");
        assertThat(request.getRequestedAt()).isEqualTo(NOW);
        assertThat(request.getHtml()).contains("https://shop.example/");
    }

    @Test
    void aDeliveryKeepsTheEdgesUrlsOfTheTrackedSend() {
        final TrackedSend send = TrackedSend.newBuilder()
                .setMessageId("run-m1").setProfileId(PROFILE.id()).setCampaignId("autumn-sale").setVariant("A")
                .setCategory(SendCategory.MARKETING).setProjectId("default").setRequestedAt(NOW)
                .setTrackingMode(TrackingMode.PERSONAL).setReason("CONSENT_GRANTED").setConsentEventId("e1")
                .setPixelUrl("http://localhost:8080/o/PX.gif").setPreferencesUrl("http://localhost:8080/p/PR")
                .setHtml("<a href=\"http://localhost:8080/c/L1\">x</a><a href=\"http://localhost:8080/p/PR\">y</a>")
                .setDecidedAt(NOW).build();

        final Delivery delivery = Records.delivery(send);

        assertThat(delivery.trackedLinks()).containsExactly("http://localhost:8080/c/L1");
        assertThat(delivery.pixelUrl()).isEqualTo("http://localhost:8080/o/PX.gif");
        assertThat(delivery.mode()).isEqualTo(TrackingMode.PERSONAL);
    }
}
