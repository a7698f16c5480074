package io.pixelgate.aggregator.classify;

/**
 * Who or what made a hit (SPEC.md section 1). Machine classes are counted apart and never as human;
 * an image-proxy open is a real person's open that arrives without device data.
 */
public enum HitClass {
    /** A person's mail client or browser. */
    HUMAN,
    /** Apple Mail Privacy Protection fetching the pixel on the person's behalf, whether read or not. */
    APPLE_MPP,
    /** A link or image scanner of a mail gateway or security product. */
    SECURITY_SCANNER,
    /** Gmail's or Yahoo's image proxy: fetched when the person opens, but without device data. */
    IMAGE_PROXY_HUMAN,
    /** An automated or anonymous client that is none of the above. */
    UNKNOWN;

    /** Whether the hit counts as a person's: HUMAN and IMAGE_PROXY_HUMAN. */
    public boolean human() {
        return this == HUMAN || this == IMAGE_PROXY_HUMAN;
    }
}
