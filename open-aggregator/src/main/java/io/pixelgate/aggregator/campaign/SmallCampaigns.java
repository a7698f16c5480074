package io.pixelgate.aggregator.campaign;

import io.pixelgate.events.CampaignStats;
import java.util.HashMap;

/**
 * Small campaigns (SPEC.md section 1): the counters of a campaign key sent to fewer than the
 * configured number of recipients could single a person out (one open among three sends), so its
 * record on campaign-stats carries zero counters and says why in {@code withheld} until that number
 * is reached; then the real counters, which were summed all along.
 *
 * <p>Recipients are counted as sends ({@code sent}): sends are per recipient, and a distinct count
 * would keep profile ids at the campaign level, which an erasure would then have to reach. A send
 * request replayed to the send-enricher counts twice. Each key stands on its own: a campaign's
 * variants are published or withheld each by its own sends. The {@code _rejected} key names no
 * campaign and no person: it is always published.
 */
public final class SmallCampaigns {

    private SmallCampaigns() {
    }

    /** {@code totals} as campaign-stats publishes them for a threshold of {@code minRecipients}. */
    public static CampaignStats published(final CampaignStats totals, final int minRecipients) {
        if (totals.getSent() >= minRecipients || CampaignKey.REJECTED.equals(totals.getCampaignId())) {
            return totals;
        }
        // Every counter at its default, zero; readers computing rates see no sends rather than a rate.
        return CampaignStats.newBuilder()
                .setCampaignId(totals.getCampaignId())
                .setVariant(totals.getVariant())
                .setHitReasons(new HashMap<>())
                .setUpdatedAt(totals.getUpdatedAt())
                .setWithheld("SMALL_CAMPAIGN: " + totals.getSent() + " sends, published from " + minRecipients)
                .build();
    }
}
