package io.pixelgate.consent;

import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.Setting;
import java.time.Duration;
import java.util.List;

/**
 * What consent-events reads of its own from the configuration, and what it learns from the cluster.
 *
 * @param seenRetention      how long a change's eventId is remembered, by its arrival, to ledger a
 *                           replay as DUPLICATE (an older replay is still recognised by the state)
 * @param erasurePartitions  the partition count of consent-changes, so that erasure requests are
 *                           repartitioned into as many partitions as the changes and meet the same
 *                           task; null when not known (a test driver), and then taken from the input
 */
public record ConsentSettings(Duration seenRetention, Integer erasurePartitions) {

    public static final Setting<Duration> SEEN_RETENTION = Setting.duration("consent.seen.retention",
            Duration.ofDays(30), "how long consent-events remembers a change's eventId (by its arrival) to ledger a "
                    + "replay as `DUPLICATE`; an older replay still changes nothing (`OUT_OF_ORDER`)").positive();

    /** Its own settings, in the order of the README's table. */
    public static final List<Setting<?>> SETTINGS = List.of(SEEN_RETENTION);

    public static ConsentSettings from(final PixelgateConfig config) {
        return new ConsentSettings(SEEN_RETENTION.from(config), null);
    }

    /** The same, erasure requests repartitioned into {@code partitions}. */
    public ConsentSettings withErasurePartitions(final int partitions) {
        return new ConsentSettings(seenRetention, partitions);
    }
}
