package io.pixelgate.enricher;

import io.pixelgate.enricher.html.HtmlRewriter;
import io.pixelgate.enricher.html.Insertions;
import io.pixelgate.enricher.html.LinkRewriter;
import io.pixelgate.events.ProjectSettings;
import io.pixelgate.events.SendRequest;
import io.pixelgate.events.TrackedSend;
import io.pixelgate.events.TrackingMode;
import io.pixelgate.schemas.serde.InvalidInputException;
import io.pixelgate.tokens.AnonymousPixel;
import io.pixelgate.tokens.CampaignIdentity;
import io.pixelgate.tokens.Claims;
import io.pixelgate.tokens.IdentifiedMode;
import io.pixelgate.tokens.Link;
import io.pixelgate.tokens.MessageIdentity;
import io.pixelgate.tokens.PersonalPixel;
import io.pixelgate.tokens.Preferences;
import io.pixelgate.tokens.SendIdentity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the tracked send for a decision (SPEC.md section 2, "Tracked send"), as a plain function.
 *
 * <ul>
 *   <li>{@code NONE}: no pixel, no preferences link, the HTML exactly as it came.</li>
 *   <li>{@code PERSONAL} and {@code DELIVERABILITY}: a pixel and links that identify the message.</li>
 *   <li>{@code ANONYMOUS}: a pixel and links that identify only the campaign and variant, so they
 *       are the same bytes for every recipient.</li>
 * </ul>
 * Every tracked mode gets the recipient's preferences link (which identifies the profile only when
 * the person follows it to manage consent). Links are rewritten only when the project allows click
 * tracking; then, when a honeypot target is configured, one invisible link is added that only a
 * machine follows (the open-aggregator counts its hits, and its source's, as a scanner's).
 *
 * <p>A message with more links to track than the configured maximum is refused
 * ({@link InvalidInputException}): its tracked version could exceed what the tracked-sends topic takes.
 *
 * <p>Anonymous URLs are the same for every recipient of a campaign (tokens are deterministic), so
 * the last {@value #ANONYMOUS_URLS_KEPT} are remembered rather than issued again: the result is the
 * same, for a fraction of the work. Not thread-safe because of that memory: one instance per task.
 */
public final class SendEnrichment {

    /** How many anonymous URLs (pixel and links, per campaign, variant and base) are remembered. */
    static final int ANONYMOUS_URLS_KEPT = 4096;

    private final TrackingUrls urls;
    private final int maxLinks;
    private final String honeypotTarget;
    private final Map<AnonymousUrl, String> anonymousUrls = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<AnonymousUrl, String> eldest) {
            return size() > ANONYMOUS_URLS_KEPT;
        }
    };

    /** An anonymous URL's identity: what it is made of, and nothing about a recipient. */
    private record AnonymousUrl(String base, Claims claims) {
    }

    /**
     * @param urls           issues the pixel, link and preferences URLs
     * @param maxLinks       how many links one message may have rewritten; a message with more is
     *                       refused, so that its tracked version stays within what tracked-sends takes
     * @param honeypotTarget where the invisible honeypot link redirects (a machine follows it, never a
     *                       person), or null for no honeypot
     */
    public SendEnrichment(final TrackingUrls urls, final int maxLinks, final String honeypotTarget) {
        this.urls = Objects.requireNonNull(urls, "urls");
        this.maxLinks = maxLinks;
        this.honeypotTarget = honeypotTarget;
    }

    /**
     * @param send      the (valid) send request
     * @param decision  its decision, from {@link TrackingDecision#decide}
     * @param settings  the project's settings, null for the defaults
     * @param decidedAt when the decision was made
     */
    public TrackedSend enrich(final SendRequest send, final TrackingDecision decision, final ProjectSettings settings,
                              final Instant decidedAt) {
        final TrackedSend tracked = decided(send, decision, decidedAt);
        if (decision.mode() == TrackingMode.NONE) {
            // no pixel and no preferences link (null, as new TrackedSend() leaves them); the HTML as it came
            tracked.setHtml(send.getHtml());
            return tracked;
        }
        final ProjectSettings project = ProjectDefaults.orDefaults(settings);
        final String base = urls.baseFor(project);
        final SendIdentity identity = identity(send, decision.mode());
        final String pixelUrl = pixelUrl(base, identity);
        final String preferencesUrl = urls.preferences(base, new Preferences(send.getProfileId(), send.getProjectId()));
        tracked.setPixelUrl(pixelUrl);
        tracked.setPreferencesUrl(preferencesUrl);
        if (send.getHtml() == null) {
            return tracked;
        }
        final LinkRewriter links = project.getClickTracking() ? trackedLinks(base, identity) : null;
        // The honeypot is a tracked link: only where the project allows click tracking.
        final String honeypot = links == null || honeypotTarget == null ? null
                : links.trackedUrl(Link.HONEYPOT_INDEX, honeypotTarget);
        tracked.setHtml(HtmlRewriter.rewrite(send.getHtml(),
                new Insertions(pixelUrl, preferencesUrl, links).withHoneypot(honeypot)));
        return tracked;
    }

    /**
     * The tracked send's fields that every mode has. Set one by one, not through
     * {@code TrackedSend.newBuilder()}: the builder checks and copies every field again at
     * {@code build()}, work the send's validation and the encoder already do (issue 13).
     */
    private static TrackedSend decided(final SendRequest send, final TrackingDecision decision, final Instant decidedAt) {
        final TrackedSend tracked = new TrackedSend();
        tracked.setMessageId(send.getMessageId());
        tracked.setProfileId(send.getProfileId());
        tracked.setCampaignId(send.getCampaignId());
        tracked.setVariant(send.getVariant());
        tracked.setCategory(send.getCategory());
        tracked.setProjectId(send.getProjectId());
        tracked.setRequestedAt(send.getRequestedAt());
        tracked.setTrackingMode(decision.mode());
        tracked.setReason(decision.reason().name());
        tracked.setConsentEventId(decision.consentEventId());
        tracked.setDecidedAt(decidedAt);
        return tracked;
    }

    /** Who the pixel and links may name: the message, or for an anonymous send only its campaign. */
    private static SendIdentity identity(final SendRequest send, final TrackingMode mode) {
        final CampaignIdentity campaign = new CampaignIdentity(send.getCampaignId(), send.getVariant(),
                send.getProjectId());
        if (mode == TrackingMode.ANONYMOUS) {
            return campaign;
        }
        final IdentifiedMode identified = mode == TrackingMode.PERSONAL ? IdentifiedMode.PERSONAL
                : IdentifiedMode.DELIVERABILITY;
        return new MessageIdentity(send.getMessageId(), send.getProfileId(), campaign, identified,
                send.getRequestedAt().toEpochMilli());
    }

    /** A personal pixel names the message; an anonymous one only the campaign, so it is remembered. */
    private String pixelUrl(final String base, final SendIdentity identity) {
        if (identity instanceof MessageIdentity message) {
            return urls.pixel(base, new PersonalPixel(message));
        }
        final AnonymousPixel pixel = new AnonymousPixel(identity.campaign());
        return anonymousUrls.computeIfAbsent(new AnonymousUrl(base, pixel), key -> urls.pixel(base, pixel));
    }

    private LinkRewriter trackedLinks(final String base, final SendIdentity identity) {
        return (index, target) -> {
            if (index >= maxLinks && index != Link.HONEYPOT_INDEX) {
                throw InvalidInputException.field("html", "more than " + maxLinks + " links to track, over the limit of "
                        + maxLinks + " (" + EnricherSettings.MAX_LINKS.key() + ")");
            }
            final Link link;
            try {
                link = new Link(identity, index, target);
            } catch (final IllegalArgumentException notHttp) {
                return null;
            }
            return identity instanceof CampaignIdentity
                    ? anonymousUrls.computeIfAbsent(new AnonymousUrl(base, link), key -> link(base, link))
                    : link(base, link);
        };
    }

    /** The tracked URL, or null: a target of kilobytes cannot travel in a token, so that link stays as it is. */
    private String link(final String base, final Link link) {
        try {
            return urls.link(base, link);
        } catch (final IllegalArgumentException tooLongForAToken) {
            return null;
        }
    }
}
