package io.pixelgate.tokens;

/**
 * Whom a tracked link belongs to: one message (personal and deliverability sends) or only a
 * campaign (anonymous sends, where nothing may identify the recipient).
 */
public sealed interface SendIdentity permits MessageIdentity, CampaignIdentity {

    /** The campaign of the send; always known. */
    CampaignIdentity campaign();
}
