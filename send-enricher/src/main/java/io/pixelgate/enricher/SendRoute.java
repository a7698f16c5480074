package io.pixelgate.enricher;

import java.util.Locale;

/** How a send reaches the task holding its profile's consent. */
public enum SendRoute {
    /** Keyed by its profileId and read from the partition that key maps to: joined where it is read. */
    IN_PLACE,
    /** Any other key or partition: re-keyed by profileId through the repartition topic first. */
    SHUFFLED;

    /** Its {@code route} tag on {@code pixelgate_send_routes_total}: {@code in-place}, {@code shuffled}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
