package io.pixelgate.demo;

import java.util.Objects;

/**
 * One send request the simulated send service will publish.
 *
 * @param messageId unique for this run
 * @param profile   the recipient
 * @param campaign  the campaign
 * @param variant   the A/B variant, or null
 */
public record PlannedSend(String messageId, Profile profile, Campaign campaign, String variant) {

    public PlannedSend {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(campaign, "campaign");
    }

    public String html() {
        return campaign.html(profile.id());
    }
}
