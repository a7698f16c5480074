package io.pixelgate.enricher;

/** How a send reaches the task holding its profile's consent. */
public enum SendRoute {
    /** Keyed by its profileId and read from the partition that key maps to: joined where it is read. */
    IN_PLACE,
    /** Any other key or partition: re-keyed by profileId through the repartition topic first. */
    SHUFFLED
}
