package io.pixelgate.tokens;

/** The tracking modes whose pixel and links identify the recipient. */
public enum IdentifiedMode {
    /** Opens may be attributed to the profile, within its consent. */
    PERSONAL,
    /** Only the date of last open may be kept per profile; counts go to the campaign. */
    DELIVERABILITY
}
