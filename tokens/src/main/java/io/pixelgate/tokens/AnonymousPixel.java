package io.pixelgate.tokens;

import java.util.Objects;

/**
 * The pixel of an anonymous send. It carries the campaign identity only, so its token is the same
 * for every recipient of the campaign and variant.
 */
public record AnonymousPixel(CampaignIdentity campaign) implements Pixel {

    public AnonymousPixel {
        Objects.requireNonNull(campaign, "campaign");
    }
}
