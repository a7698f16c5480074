package io.pixelgate.demo;

import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentEvidence;
import io.pixelgate.events.ConsentMethod;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.SendRequest;
import io.pixelgate.events.TrackedSend;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The input records the simulated CRM and send service publish (SPEC.md section 2), and what a
 * mailbox receives from a tracked send.
 */
public final class Records {

    /** The CRM's source name in the ledger. */
    public static final String CRM_SOURCE = "crm";
    /** The project every simulated send belongs to (its settings are the defaults). */
    public static final String PROJECT = "default";
    /** Grants are asked again after 13 months, as the CNIL recommends for consent. */
    static final Duration GRANT_VALIDITY = Duration.ofDays(395);

    private Records() {
    }

    /**
     * The consent change for {@code event}, occurring at {@code now}: the wording shown depends on
     * where the person answered (required for a grant), the evidence is their home address and browser.
     */
    public static ConsentChange consentChange(final CrmEvent event, final String eventId, final Instant now) {
        final List<Purpose> purposes = new ArrayList<>(event.purposes());
        purposes.sort(null);
        final boolean granted = event.status() == ConsentStatus.GRANTED;
        return ConsentChange.newBuilder()
                .setEventId(eventId)
                .setProfileId(event.profile().id())
                .setEmail(event.profile().email())
                .setPurposes(purposes)
                .setStatus(event.status())
                .setOccurredAt(now)
                .setSource(CRM_SOURCE)
                .setMethod(event.method())
                .setWordingVersion(wording(event.method()))
                .setEvidence(new ConsentEvidence(event.profile().home(),
                        UserAgents.pick(UserAgents.BROWSERS, event.profile().agentPick())))
                .setExpiresAt(granted ? now.plus(GRANT_VALIDITY) : null)
                .build();
    }

    /** The send request of {@code send}, requested at {@code now}. */
    public static SendRequest sendRequest(final PlannedSend send, final Instant now) {
        return SendRequest.newBuilder()
                .setMessageId(send.messageId())
                .setProfileId(send.profile().id())
                .setCampaignId(send.campaign().id())
                .setVariant(send.variant())
                .setCategory(send.campaign().category())
                .setProjectId(PROJECT)
                .setRequestedAt(now)
                .setHtml(send.html())
                .build();
    }

    /** What lands in the mailbox: the tracked send's URLs to the edge. */
    public static Delivery delivery(final TrackedSend send) {
        final String base = Delivery.baseOf(send.getPreferencesUrl() != null ? send.getPreferencesUrl()
                : send.getPixelUrl());
        return new Delivery(send.getMessageId(), send.getProfileId(), send.getCampaignId(), send.getVariant(),
                send.getCategory(), send.getTrackingMode(), send.getPixelUrl(),
                Delivery.trackedLinksIn(send.getHtml(), base), send.getPreferencesUrl());
    }

    private static String wording(final ConsentMethod method) {
        return switch (method) {
            case CONSENT_EMAIL_LINK -> "consent-email-v2";
            case CRM_IMPORT -> "signup-v1";
            default -> "signup-v2";
        };
    }
}
