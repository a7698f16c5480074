package io.pixelgate.aggregator.campaign;

import io.pixelgate.tokens.CampaignIdentity;

/**
 * The campaign-stats key (SPEC.md section 2): {@code campaignId}, or {@code campaignId:variant}
 * for a campaign with variants.
 */
public final class CampaignKey {

    /**
     * The key (and campaignId) under which hits are counted whose token names no campaign: forged,
     * malformed, made under an unknown key, or a preferences token. Only {@code rejectedHits} is
     * ever counted there.
     */
    public static final String REJECTED = "_rejected";

    private CampaignKey() {
    }

    public static String of(final CampaignIdentity campaign) {
        return of(campaign.campaignId(), campaign.variant());
    }

    public static String of(final String campaignId, final String variant) {
        return variant == null || variant.isEmpty() ? campaignId : campaignId + ':' + variant;
    }
}
