package io.pixelgate.tokens;

import java.util.Objects;

/**
 * One sent message, and so its recipient.
 *
 * @param messageId the message
 * @param profileId the recipient's profile
 * @param campaign  the campaign (and variant) the message belongs to
 * @param mode      how the send was allowed to identify the recipient
 * @param sentAt    epoch millis of the send request's event time
 */
public record MessageIdentity(String messageId, String profileId, CampaignIdentity campaign,
                              IdentifiedMode mode, long sentAt) implements SendIdentity {

    public MessageIdentity {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(mode, "mode");
    }
}
