package io.pixelgate.enricher;

import static io.pixelgate.enricher.Fixtures.T0;

import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.ProjectSettings;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import io.pixelgate.events.SendCategory;
import io.pixelgate.events.SendRequest;
import io.pixelgate.events.TrackingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators for the properties: sends, consent states and project settings around {@link Fixtures#T0}. */
final class Generators {

    private Generators() {
    }

    /** Instants within two days after T0, to the minute, so that collisions and ties happen. */
    static Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(0, Duration.ofDays(2).toMinutes()).map(m -> T0.plus(Duration.ofMinutes(m)));
    }

    /** Identifiers long and distinct enough that finding one inside a token by chance is out of the question. */
    static Arbitrary<String> ids(final String prefix) {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(12).ofMaxLength(24)
                .map(s -> prefix + s);
    }

    static Arbitrary<SendRequest> sends() {
        return Combinators.combine(ids("m-"), ids("p-"), Arbitraries.of("spring", "autumn"),
                        Arbitraries.of("A", "B").injectNull(0.3), Arbitraries.of(SendCategory.class),
                        Arbitraries.of("default", "shop"), instants(), htmls().injectNull(0.2))
                .as((messageId, profileId, campaign, variant, category, project, at, html) -> SendRequest.newBuilder()
                        .setMessageId(messageId).setProfileId(profileId).setCampaignId(campaign).setVariant(variant)
                        .setCategory(category).setProjectId(project).setRequestedAt(at).setHtml(html).build());
    }

    static Arbitrary<PurposeConsent> entries(final Purpose purpose) {
        return Combinators.combine(Arbitraries.of(ConsentStatus.class), instants(), ids("e-"),
                        Arbitraries.of("tracking-v3").injectNull(0.1), instants().injectNull(0.7))
                .as((status, since, eventId, wording, expires) -> PurposeConsent.newBuilder()
                        .setPurpose(purpose).setStatus(status).setSince(since).setEventId(eventId)
                        .setWordingVersion(wording).setExpiresAt(status == ConsentStatus.GRANTED ? expires : null)
                        .build());
    }

    /** A consent state with any subset of the purposes, or none at all (null). */
    static Arbitrary<ConsentState> consentStates() {
        return Combinators.combine(entries(Purpose.OPEN_MEASUREMENT).injectNull(0.25),
                        entries(Purpose.ENGAGEMENT_PROFILING).injectNull(0.5),
                        entries(Purpose.CROSS_CHANNEL).injectNull(0.5))
                .as((open, profiling, cross) -> {
                    final List<PurposeConsent> purposes = new ArrayList<>();
                    for (final PurposeConsent entry : new PurposeConsent[] {open, profiling, cross}) {
                        if (entry != null) {
                            purposes.add(entry);
                        }
                    }
                    return ConsentState.newBuilder().setProfileId("p").setPurposes(purposes).setUpdatedAt(T0).build();
                }).injectNull(0.15);
    }

    static Arbitrary<ProjectSettings> projectSettings() {
        return Combinators.combine(Arbitraries.of(TrackingPolicy.class), Arbitraries.of(true, false),
                        Arbitraries.of(true, false), Arbitraries.of(true, false),
                        Arbitraries.of("https://t.shop.example", "https://t.shop.example/", "javascript:alert(1)", "")
                                .injectNull(0.5))
                .as((policy, anonymous, deliverability, clicks, base) -> ProjectSettings.newBuilder()
                        .setPolicy(policy).setAnonymousStats(anonymous).setDeliverabilityTracking(deliverability)
                        .setClickTracking(clicks).setTrackingBaseUrl(base).build())
                .injectNull(0.2);
    }

    /**
     * HTML-ish text: well-formed pieces, links (trackable, untrackable, repeated), and broken
     * markup, with or without a body. Link targets are written plainly (no character references),
     * so a tracked href can be mapped back to the exact original.
     */
    static Arbitrary<String> htmls() {
        final Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("<p>Hello</p>", "<table><tr><td>x</td></tr></table>", "<img src=\"https://cdn.example/a.png\">",
                        "<a href=\"mailto:x@example.org\">mail</a>", "<a href=\"#top\">top</a>", "<a href=\"/rel\">r</a>",
                        "<!-- c -->", "<br>", "\u00e9t\u00e9 \u2603 ", "&amp; &nbsp;"),
                Arbitraries.integers().between(0, 9).map(i -> "<a href=\"https://shop.example/p/" + i + "?a=1\">l</a>"),
                Arbitraries.strings().withChars("<>/=\"' ab&;#\n!-").ofMaxLength(12));
        return Combinators.combine(piece.list().ofMaxSize(12), Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((pieces, html, body) -> (html ? "<html>" : "") + (body ? "<body>" : "") + String.join("", pieces)
                        + (body ? "</body>" : "") + (html ? "</html>" : ""));
    }
}
