package io.pixelgate.enricher;

import io.micrometer.core.instrument.Counter;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.ProjectSettings;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import io.pixelgate.events.SendCategory;
import io.pixelgate.events.SendRequest;
import io.pixelgate.events.TrackingPolicy;
import io.pixelgate.platform.ops.Meters;
import io.pixelgate.tokens.TokenKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builders shared by the tests: sends, consent states and settings with readable defaults. */
final class Fixtures {

    /** A fixed instant in the past, so no clock bound ever moves it. */
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final String EDGE = "https://edge.test";
    static final String HTML = "<html><body><p>Hi</p><a href=\"https://shop.example/spring\">Shop</a></body></html>";

    private Fixtures() {
    }

    /** How many sends took {@code route}, as the application counted them in {@code meters}. */
    static double routed(final Meters meters, final SendRoute route) {
        final Counter counter = meters.registry().find("pixelgate.send.routes").tag("route", route.tag()).counter();
        return counter == null ? 0 : counter.count();
    }

    static EnricherSettings settings(final TokenKeys keys) {
        return new EnricherSettings(keys, EDGE, Duration.ofDays(7), Duration.ZERO, EnricherSettings.MAX_LINKS.defaultValue(),
                null);
    }

    static SendRequest send(final String messageId, final String profileId, final SendCategory category,
                            final Instant requestedAt) {
        return SendRequest.newBuilder()
                .setMessageId(messageId)
                .setProfileId(profileId)
                .setCampaignId("spring-sale")
                .setVariant("A")
                .setCategory(category)
                .setProjectId("default")
                .setRequestedAt(requestedAt)
                .setHtml(HTML)
                .build();
    }

    static SendRequest marketing(final String messageId, final String profileId, final Instant requestedAt) {
        return send(messageId, profileId, SendCategory.MARKETING, requestedAt);
    }

    /** A send request as a send service would write it in JSON. */
    static String sendJson(final String messageId, final String profileId, final String category,
                           final Instant requestedAt, final String html) {
        return "{\"messageId\":\"" + messageId + "\",\"profileId\":\"" + profileId + "\",\"campaignId\":\"spring-sale\","
                + "\"variant\":\"A\",\"category\":\"" + category + "\",\"requestedAt\":\"" + requestedAt + "\""
                + (html == null ? "" : ",\"html\":\"" + html.replace("\"", "\\\"") + "\"") + "}";
    }

    static PurposeConsent entry(final Purpose purpose, final ConsentStatus status, final Instant since,
                                final String eventId) {
        return PurposeConsent.newBuilder()
                .setPurpose(purpose)
                .setStatus(status)
                .setSince(since)
                .setEventId(eventId)
                .setWordingVersion(status == ConsentStatus.GRANTED ? "tracking-v3" : null)
                .setExpiresAt(null)
                .build();
    }

    static ConsentState state(final String profileId, final PurposeConsent... entries) {
        return ConsentState.newBuilder()
                .setProfileId(profileId)
                .setPurposes(new ArrayList<>(List.of(entries)))
                .setUpdatedAt(T0)
                .build();
    }

    static ProjectSettings project(final TrackingPolicy policy) {
        return ProjectSettings.newBuilder().setPolicy(policy).build();
    }
}
