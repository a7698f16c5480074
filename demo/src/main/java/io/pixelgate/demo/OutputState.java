package io.pixelgate.demo;

import io.pixelgate.aggregator.campaign.CampaignKey;
import io.pixelgate.events.CampaignStats;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurgeRecord;
import io.pixelgate.schemas.consent.Consents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the applications published, as the live view shows it: the latest campaign-stats record of
 * each campaign key, every profile's consent state, and the purge log. Fed by one consumer thread,
 * read by the view: every method is synchronized.
 */
public final class OutputState {

    /** The campaign key the open-aggregator counts hits under when their token names no campaign. */

    private final Map<String, CampaignStats> campaigns = new LinkedHashMap<>();
    private final Map<String, ConsentState> consent = new HashMap<>();
    private long purges;
    private PurgeRecord lastPurge;

    /** What the view needs, at one moment. */
    public record Outputs(List<CampaignStats> campaigns, long rejectedHits, Coverage coverage, long purges,
                          PurgeRecord lastPurge) {

        public Outputs {
            campaigns = List.copyOf(campaigns);
        }

    }

    /**
     * Consent coverage of open measurement across the population.
     *
     * @param granted  profiles with OPEN_MEASUREMENT granted now
     * @param refused  profiles with an OPEN_MEASUREMENT entry that does not grant it (denied, withdrawn, expired)
     * @param unknown  profiles with no answer recorded
     */
    public record Coverage(long granted, long refused, long unknown) {

        public long total() {
            return granted + refused + unknown;
        }

        public double grantedShare() {
            return total() == 0 ? 0 : (double) granted / total();
        }
    }

    /** The latest counters of a campaign key ({@code campaignId} or {@code campaignId:variant}); null removes it. */
    public synchronized void campaign(final String key, final CampaignStats stats) {
        if (stats == null) {
            campaigns.remove(key);
        } else {
            campaigns.put(key, stats);
        }
    }

    /** A profile's consent state; null when it was deleted. */
    public synchronized void consent(final String profileId, final ConsentState state) {
        if (state == null) {
            consent.remove(profileId);
        } else {
            consent.put(profileId, state);
        }
    }

    public synchronized void purged(final PurgeRecord record) {
        purges++;
        lastPurge = record;
    }

    /**
     * @param population how many profiles there are, the base of the coverage (at least the
     *                   number of profiles with a consent state)
     */
    public synchronized Outputs snapshot(final Instant now, final int population) {
        final List<CampaignStats> rows = new ArrayList<>();
        long rejected = 0;
        for (final Map.Entry<String, CampaignStats> entry : campaigns.entrySet()) {
            rejected += entry.getValue().getRejectedHits();
            if (!CampaignKey.REJECTED.equals(entry.getKey())) {
                rows.add(entry.getValue());
            }
        }
        long granted = 0;
        long refused = 0;
        for (final ConsentState state : consent.values()) {
            if (Consents.granted(state, Purpose.OPEN_MEASUREMENT, now)) {
                granted++;
            } else if (Consents.entry(state, Purpose.OPEN_MEASUREMENT).isPresent()) {
                refused++;
            }
        }
        final long unknown = Math.max(population, consent.size()) - granted - refused;
        return new Outputs(rows, rejected, new Coverage(granted, refused, unknown), purges, lastPurge);
    }
}
