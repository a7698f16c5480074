package io.pixelgate.tokens;

import java.util.Objects;

/** The pixel of a personal or deliverability send: it identifies the message and its recipient. */
public record PersonalPixel(MessageIdentity message) implements Pixel {

    public PersonalPixel {
        Objects.requireNonNull(message, "message");
    }

    @Override
    public CampaignIdentity campaign() {
        return message.campaign();
    }
}
