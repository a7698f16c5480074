package io.pixelgate.aggregator;

import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Hit;
import io.pixelgate.events.HitKind;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import io.pixelgate.events.SendCategory;
import io.pixelgate.events.TrackedSend;
import io.pixelgate.events.TrackingMode;
import io.pixelgate.tokens.CampaignIdentity;
import io.pixelgate.tokens.IdentifiedMode;
import io.pixelgate.tokens.MessageIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builders for the aggregator's inputs, as the edge, the send-enricher and consent-events write them. */
final class Fixtures {

    static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/126.0.0.0 Safari/537.36";
    static final String IPHONE_MAIL = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Mobile/15E148";
    static final String MIMECAST = "Mozilla/5.0 (compatible; Mimecast URL Protect)";

    private Fixtures() {
    }

    static CampaignIdentity campaign(final String campaignId, final String variant) {
        return new CampaignIdentity(campaignId, variant, "default");
    }

    static MessageIdentity message(final String messageId, final String profileId, final CampaignIdentity campaign,
                                   final IdentifiedMode mode, final Instant sentAt) {
        return new MessageIdentity(messageId, profileId, campaign, mode, sentAt.toEpochMilli());
    }

    static Hit hit(final HitKind kind, final String token, final Instant at, final String userAgent,
                   final String network) {
        return Hit.newBuilder().setHitId(UUID.randomUUID().toString()).setKind(kind).setToken(token)
                .setReceivedAt(at).setUserAgent(userAgent).setNetwork(network).setIpPrefix("203.0.113.0/24").build();
    }

    static Hit open(final String token, final Instant at) {
        return hit(HitKind.OPEN, token, at, CHROME, null);
    }

    static Hit click(final String token, final Instant at) {
        return hit(HitKind.CLICK, token, at, CHROME, null);
    }

    /** A consent state as consent-events writes it, one entry per purpose given. */
    static ConsentState consent(final String profileId, final Instant at, final Map<Purpose, ConsentStatus> statuses) {
        final List<PurposeConsent> entries = new ArrayList<>();
        statuses.forEach((purpose, status) -> entries.add(PurposeConsent.newBuilder().setPurpose(purpose)
                .setStatus(status).setSince(at).setEventId("crm-" + purpose.ordinal() + "-" + at.toEpochMilli())
                .setWordingVersion(status == ConsentStatus.GRANTED ? "tracking-v3" : null).setExpiresAt(null).build()));
        return ConsentState.newBuilder().setProfileId(profileId).setPurposes(entries).setUpdatedAt(at).build();
    }

    static ConsentState granted(final String profileId, final Instant at, final Purpose... purposes) {
        final Map<Purpose, ConsentStatus> statuses = new EnumMap<>(Purpose.class);
        for (final Purpose purpose : purposes) {
            statuses.put(purpose, ConsentStatus.GRANTED);
        }
        return consent(profileId, at, statuses);
    }

    static ConsentState withdrawn(final String profileId, final Instant at, final Purpose... purposes) {
        final Map<Purpose, ConsentStatus> statuses = new EnumMap<>(Purpose.class);
        for (final Purpose purpose : purposes) {
            statuses.put(purpose, ConsentStatus.WITHDRAWN);
        }
        return consent(profileId, at, statuses);
    }

    static TrackedSend trackedSend(final String messageId, final String profileId, final CampaignIdentity campaign,
                                   final TrackingMode mode, final Instant at) {
        return TrackedSend.newBuilder().setMessageId(messageId).setProfileId(profileId)
                .setCampaignId(campaign.campaignId()).setVariant(campaign.variant()).setCategory(SendCategory.MARKETING)
                .setProjectId(campaign.projectId()).setRequestedAt(at).setTrackingMode(mode).setReason("TEST")
                .setConsentEventId(null).setPixelUrl(null).setPreferencesUrl(null).setHtml(null).setDecidedAt(at)
                .build();
    }
}
