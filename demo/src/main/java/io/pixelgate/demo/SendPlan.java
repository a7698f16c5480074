package io.pixelgate.demo;

import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * What the simulated send service sends next. Marketing campaigns go out one after the other, each
 * to every profile in a random order, half of them to variant A and half to B; order
 * confirmations go to random profiles all along; consent requests go to those the CRM has no
 * answer from, once each. Not thread-safe: one pump uses it.
 */
public final class SendPlan {

    /** Share of sends that are order confirmations. */
    static final double TRANSACTIONAL_SHARE = 0.12;
    /** Share of sends that are consent requests, while someone is left to ask. */
    static final double CONSENT_REQUEST_SHARE = 0.08;

    private final Population population;
    private final ConsentTimeline crm;
    private final RandomGenerator random;
    private final String runId;
    private final int[] order;
    private int campaignNumber;
    private Campaign campaign;
    private int cursor;
    private long sequence;

    /**
     * @param runId prefix of every message id, so that this run's messages are told from earlier ones
     */
    public SendPlan(final Population population, final ConsentTimeline crm, final RandomGenerator random,
                    final String runId) {
        this.population = population;
        this.crm = crm;
        this.random = random;
        this.runId = runId;
        this.order = new int[population.size()];
        this.campaign = Campaigns.marketing(0);
        reshuffle();
    }

    /** The next send. */
    public PlannedSend next() {
        final double draw = random.nextDouble();
        if (draw < CONSENT_REQUEST_SHARE) {
            final Optional<Profile> unanswered = crm.nextToAsk();
            if (unanswered.isPresent()) {
                return send(unanswered.get(), Campaigns.CONSENT_REQUEST, null);
            }
        }
        if (draw < CONSENT_REQUEST_SHARE + TRANSACTIONAL_SHARE) {
            return send(population.get(random.nextInt(population.size())), Campaigns.ORDER_CONFIRMATION, null);
        }
        if (cursor == order.length) {
            campaign = Campaigns.marketing(++campaignNumber);
            reshuffle();
        }
        final Profile profile = population.get(order[cursor++]);
        final String variant = campaign.variants().isEmpty() ? null
                : campaign.variants().get(random.nextInt(campaign.variants().size()));
        return send(profile, campaign, variant);
    }

    private PlannedSend send(final Profile profile, final Campaign of, final String variant) {
        return new PlannedSend(runId + "-m" + sequence++, profile, of, variant);
    }

    private void reshuffle() {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            final int j = random.nextInt(i + 1);
            final int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        cursor = 0;
    }
}
