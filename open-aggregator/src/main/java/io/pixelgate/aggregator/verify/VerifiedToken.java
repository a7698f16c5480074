package io.pixelgate.aggregator.verify;

import io.pixelgate.tokens.CampaignIdentity;
import io.pixelgate.tokens.MessageIdentity;
import io.pixelgate.tokens.Rejection;
import java.util.Objects;

/** What a hit's token turned out to be once verified again by the aggregator. */
public sealed interface VerifiedToken {

    /**
     * A personal or deliverability pixel, or a tracked link of such a message.
     *
     * @param linkIndex the link's position for a click, -1 for a pixel
     */
    record Message(MessageIdentity message, int linkIndex) implements VerifiedToken {
        public Message {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The anonymous pixel of a campaign, or a tracked link of an anonymous send.
     *
     * @param linkIndex the link's position for a click, -1 for a pixel
     */
    record Campaign(CampaignIdentity campaign, int linkIndex) implements VerifiedToken {
        public Campaign {
            Objects.requireNonNull(campaign, "campaign");
        }
    }

    /**
     * A token that must not be counted.
     *
     * @param campaign the campaign when the token is authentic but of the wrong kind for the hit
     *                 (a link token loaded as a pixel), else null
     */
    record Rejected(Rejection reason, CampaignIdentity campaign) implements VerifiedToken {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
