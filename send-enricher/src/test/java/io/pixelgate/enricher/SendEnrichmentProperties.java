package io.pixelgate.enricher;

import static io.pixelgate.enricher.Fixtures.EDGE;
import static io.pixelgate.enricher.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.enricher.html.HtmlRewriter;
import io.pixelgate.enricher.html.Insertions;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ProjectSettings;
import io.pixelgate.events.SendCategory;
import io.pixelgate.events.SendRequest;
import io.pixelgate.events.TrackedSend;
import io.pixelgate.events.TrackingMode;
import io.pixelgate.tokens.AnonymousPixel;
import io.pixelgate.tokens.CampaignIdentity;
import io.pixelgate.tokens.Claims;
import io.pixelgate.tokens.Link;
import io.pixelgate.tokens.TokenCodec;
import io.pixelgate.tokens.TokenKeys;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

/** The tracked message over generated sends, consent states, settings and HTML. */
class SendEnrichmentProperties {

    /** A token on one of the tracking bases the generators use (the edge, or a project's own domain). */
    private static final Pattern TOKEN = Pattern.compile(
            "(?:" + Pattern.quote(EDGE) + "|https://t\\.shop\\.example)/[ocp]/([A-Za-z0-9_-]+)");
    private static final Pattern TRACKED_HREF = Pattern.compile("\"([^\"]*/c/([A-Za-z0-9_-]+))\"");

    private final TokenCodec codec = new TokenCodec(TokenKeys.generate("k1"));
    private static final String HONEYPOT_TARGET = "https://trap.example/";
    private static final Pattern HONEYPOT_ANCHOR = Pattern.compile(
            "<a href=\"([^\"]*/c/[A-Za-z0-9_-]+)\" tabindex=\"-1\" aria-hidden=\"true\"[^>]*></a>");

    private final SendEnrichment enrichment = new SendEnrichment(new TrackingUrls(codec, EDGE),
            EnricherSettings.MAX_LINKS.defaultValue(), HONEYPOT_TARGET);

    @Property(tries = 300)
    void anonymousPixelIsOneUrlPerCampaignAndVariantAndNamesNoOne(
            @ForAll("sends") final SendRequest template, @ForAll("settings") final ProjectSettings settings,
            @ForAll @Size(min = 2, max = 6) @UniqueElements final List<@IntRange(min = 0, max = 1_000_000) Integer> recipients) {
        // given sends of one campaign and variant to different recipients, decided anonymous
        final TrackingDecision anonymous = new TrackingDecision(TrackingMode.ANONYMOUS, DecisionReason.NO_CONSENT, null);
        final List<SendRequest> sends = new ArrayList<>();
        for (final int recipient : recipients) {
            final SendRequest send = SendRequest.newBuilder(template).setMessageId("message-" + recipient + "-x7q")
                    .setProfileId("profile-" + recipient + "-k2w").build();
            sends.add(send);
        }

        // when
        final List<TrackedSend> tracked = sends.stream()
                .map(send -> enrichment.enrich(send, anonymous, settings, T0)).toList();

        // then one pixel URL for all, opening to the campaign identity alone
        assertThat(tracked.stream().map(TrackedSend::getPixelUrl).distinct()).hasSize(1);
        final CampaignIdentity campaign = new CampaignIdentity(template.getCampaignId(), template.getVariant(),
                template.getProjectId());
        assertThat(open(tracked.get(0).getPixelUrl())).isEqualTo(new AnonymousPixel(campaign));
        // and neither the pixel nor any tracked link names a recipient or a message
        for (final SendRequest send : sends) {
            for (final TrackedSend out : tracked) {
                assertThat(out.getPixelUrl()).doesNotContain(send.getProfileId()).doesNotContain(send.getMessageId());
            }
        }
        final Set<List<String>> linkUrls = tracked.stream().map(out -> trackedHrefs(out.getHtml())).collect(Collectors.toSet());
        assertThat(linkUrls).hasSize(1);
        for (final String href : linkUrls.iterator().next()) {
            assertThat(((Link) open(href)).send()).isEqualTo(campaign);
        }
    }

    @Property(tries = 1000)
    void htmlOutsideTheInsertionsIsUnchanged(@ForAll("sends") final SendRequest send,
                                             @ForAll("consents") final ConsentState consent,
                                             @ForAll("settings") final ProjectSettings settings,
                                             @ForAll("htmls") final String html) {
        // given
        send.setHtml(html);
        final TrackingDecision decision = TrackingDecision.decide(send, consent, settings);

        // when
        final TrackedSend tracked = enrichment.enrich(send, decision, settings, T0);

        // then: without the pixel and footer, and with each tracked href back to its target, it is the original
        if (decision.mode() == TrackingMode.NONE) {
            assertThat(tracked.getHtml()).isEqualTo(html);
            return;
        }
        final String honeypot = honeypotUrl(tracked.getHtml());
        final String fragment = HtmlRewriter.rewrite("", new Insertions(tracked.getPixelUrl(), tracked.getPreferencesUrl(), null)
                .withHoneypot(honeypot));
        final int at = tracked.getHtml().indexOf(fragment);
        assertThat(at).isNotNegative();
        final String withoutFragment = tracked.getHtml().substring(0, at) + tracked.getHtml().substring(at + fragment.length());
        final Matcher hrefs = TRACKED_HREF.matcher(withoutFragment);
        final String untracked = hrefs.replaceAll(match ->
                Matcher.quoteReplacement("\"" + ((Link) open(match.group(1))).targetUrl() + "\""));
        assertThat(untracked).isEqualTo(html);
    }

    @Property(tries = 300)
    void oneInvisibleHoneypotLinkWhereClicksAreTrackedAndNoneElsewhere(@ForAll("sends") final SendRequest send,
                                                                       @ForAll("consents") final ConsentState consent,
                                                                       @ForAll("settings") final ProjectSettings settings,
                                                                       @ForAll("htmls") final String html) {
        send.setHtml(html);
        final TrackingDecision decision = TrackingDecision.decide(send, consent, settings);

        final TrackedSend tracked = enrichment.enrich(send, decision, settings, T0);

        final boolean clicksTracked = decision.mode() != TrackingMode.NONE
                && ProjectDefaults.orDefaults(settings).getClickTracking();
        final Matcher anchors = HONEYPOT_ANCHOR.matcher(tracked.getHtml());
        final List<Link> honeypots = new ArrayList<>();
        while (anchors.find()) {
            honeypots.add((Link) open(anchors.group(1)));
        }
        assertThat(honeypots).hasSize(clicksTracked ? 1 : 0);
        honeypots.forEach(link -> {
            assertThat(link.honeypot()).isTrue();
            assertThat(link.targetUrl()).isEqualTo(HONEYPOT_TARGET);
        });
    }

    /** The href of the html's honeypot anchor, null when it has none. */
    private static String honeypotUrl(final String html) {
        final Matcher anchor = HONEYPOT_ANCHOR.matcher(html);
        return anchor.find() ? anchor.group(1).replace("&amp;", "&") : null;
    }

    @Property(tries = 300)
    void consentRequestLeavesTheHtmlUntouched(@ForAll("sends") final SendRequest send,
                                              @ForAll("consents") final ConsentState consent,
                                              @ForAll("settings") final ProjectSettings settings,
                                              @ForAll("htmls") final String html) {
        send.setCategory(SendCategory.CONSENT_REQUEST);
        send.setHtml(html);

        final TrackedSend tracked = enrichment.enrich(send, TrackingDecision.decide(send, consent, settings), settings, T0);

        assertThat(tracked.getTrackingMode()).isEqualTo(TrackingMode.NONE);
        assertThat(tracked.getHtml()).isEqualTo(html);
        assertThat(tracked.getPixelUrl()).isNull();
        assertThat(tracked.getPreferencesUrl()).isNull();
    }

    @Property(tries = 1000)
    void anyByteFlippedInATokenMakesItInvalid(@ForAll("sends") final SendRequest send,
                                              @ForAll("consents") final ConsentState consent,
                                              @ForAll("settings") final ProjectSettings settings,
                                              @ForAll @IntRange(min = 0, max = 10_000) final int which,
                                              @ForAll @IntRange(min = 0, max = 10_000) final int position,
                                              @ForAll @IntRange(min = 0, max = 7) final int bit) {
        // given every token of a tracked send
        final TrackedSend tracked = enrichment.enrich(send, TrackingDecision.decide(send, consent, settings), settings, T0);
        final List<String> tokens = tokens(tracked);
        if (tokens.isEmpty()) {
            return;
        }
        final byte[] bytes = Base64.getUrlDecoder().decode(tokens.get(which % tokens.size()));

        // when one bit of one byte flips
        bytes[position % bytes.length] ^= (byte) (1 << bit);

        // then the token no longer opens
        assertThat(codec.open(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)).isValid()).isFalse();
    }

    @Provide
    Arbitrary<SendRequest> sends() {
        return Generators.sends();
    }

    @Provide
    Arbitrary<ConsentState> consents() {
        return Generators.consentStates();
    }

    @Provide
    Arbitrary<ProjectSettings> settings() {
        return Generators.projectSettings();
    }

    @Provide
    Arbitrary<String> htmls() {
        return Arbitraries.oneOf(Generators.htmls(), Arbitraries.strings().ofMaxLength(200));
    }

    private Claims open(final String url) {
        final String token = url.substring(url.lastIndexOf('/') + 1).replace(".gif", "");
        return codec.open(token).toOptional().orElseThrow(() -> new AssertionError("token does not open: " + url));
    }

    private static List<String> trackedHrefs(final String html) {
        return html == null ? List.of() : TRACKED_HREF.matcher(html).results().map(m -> m.group(1)).toList();
    }

    private static List<String> tokens(final TrackedSend tracked) {
        final List<String> tokens = new ArrayList<>();
        final String all = tracked.getPixelUrl() + " " + tracked.getPreferencesUrl() + " " + tracked.getHtml();
        TOKEN.matcher(all).results().forEach(match -> tokens.add(match.group(1)));
        return tokens;
    }
}
