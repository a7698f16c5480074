package io.pixelgate.tokens;

/** The claims of an open-tracking pixel ({@code /o/{token}.gif}): personal or anonymous. */
public sealed interface Pixel extends Claims permits PersonalPixel, AnonymousPixel {

    /** The campaign the pixel counts for, whatever its kind. */
    CampaignIdentity campaign();
}
