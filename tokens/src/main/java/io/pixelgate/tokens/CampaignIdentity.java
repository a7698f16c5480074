package io.pixelgate.tokens;

import java.util.Objects;

/**
 * A campaign, and the variant of it when it has variants. Identifies no person and no message.
 *
 * @param campaignId the campaign
 * @param variant    the A/B variant, or null when the campaign has none
 * @param projectId  the project the campaign belongs to
 */
public record CampaignIdentity(String campaignId, String variant, String projectId) implements SendIdentity {

    public CampaignIdentity {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(projectId, "projectId");
    }

    @Override
    public CampaignIdentity campaign() {
        return this;
    }
}
