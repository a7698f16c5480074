package io.pixelgate.demo;

import io.pixelgate.events.SendCategory;
import io.pixelgate.events.TrackingMode;
import io.pixelgate.demo.PlannedHit.Action;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * How recipients and their mail clients react to a delivered email: a pure function from the
 * profile and the delivery to the requests the edge will see, with time compressed (seconds in
 * place of the hours a real audience takes).
 *
 * <ul>
 * <li>Machines act at delivery: Apple's proxy fetches the pixel within a second; a corporate
 *     gateway fetches the pixel, every tracked link and the preferences page within a few seconds.</li>
 * <li>People open later, if at all ({@link Profile#propensity()}, variant B's subject line opens
 *     more, transactional email much more). The open loads the pixel through the client: Gmail's
 *     proxy, the app itself, or nothing (Apple's proxy already has the image; blocked images).</li>
 * <li>Some who open click one link, in their browser; some open the preferences page from the
 *     footer and withdraw, more often when the email tracks them personally.</li>
 * </ul>
 *
 * People never act sooner than {@link Timing#personMin()} after delivery, which is longer than
 * the open-aggregator's scanner window (5 s by default): a hit sooner than that is a machine's.
 */
public final class Recipients {

    /** Variant B's subject line gets more opens; variant A's readers click a little more. */
    static final double VARIANT_B_OPENS = 1.25;
    static final double VARIANT_B_CLICKS = 0.85;
    /** Order confirmations are opened far more than marketing. */
    static final double TRANSACTIONAL_OPENS = 2.5;
    /** Chance that a person who opens clicks one link. */
    static final double CLICK_GIVEN_OPEN = 0.16;
    /** Chance that a person whose app loads images opens the email a second time. */
    static final double REOPEN = 0.2;
    /** Chance that a person who opens withdraws from tracking: higher when the email tracks them personally. */
    static final double WITHDRAW_GIVEN_OPEN_PERSONAL = 0.02;
    static final double WITHDRAW_GIVEN_OPEN_OTHER = 0.004;

    private final Timing timing;

    public Recipients(final Timing timing) {
        this.timing = timing;
    }

    /**
     * The compressed time scale.
     *
     * @param machineMax longest delay of Apple's prefetch after delivery
     * @param scannerMax longest delay of a gateway's scan after delivery
     * @param personMin  shortest delay of a person's open after delivery
     * @param personMean mean delay of a person's open beyond {@code personMin}
     * @param personMax  longest delay of a person's open
     */
    public record Timing(Duration machineMax, Duration scannerMax, Duration personMin, Duration personMean,
                         Duration personMax) {

        /** The demo's scale: machines within 1 to 3 s, people from 8 s to 2 min, 25 s on average. */
        public static final Timing DEMO = new Timing(Duration.ofMillis(1000), Duration.ofSeconds(3),
                Duration.ofSeconds(8), Duration.ofSeconds(25), Duration.ofSeconds(120));
    }

    /** The requests {@code delivery} causes, in time order. */
    public List<PlannedHit> react(final Profile profile, final Delivery delivery, final RandomGenerator random) {
        final List<PlannedHit> hits = new ArrayList<>();
        if (delivery.mode() == TrackingMode.NONE) {
            // no pixel and no tracked link: nothing of this email reaches the edge
            return hits;
        }
        atDelivery(profile, delivery, random, hits);
        if (random.nextDouble() < openChance(profile, delivery)) {
            whenOpened(profile, delivery, random, hits);
        }
        hits.sort(Comparator.comparing(PlannedHit::after));
        return hits;
    }

    /** The chance that the person opens {@code delivery}. */
    public static double openChance(final Profile profile, final Delivery delivery) {
        double chance = profile.propensity();
        if ("B".equals(delivery.variant())) {
            chance *= VARIANT_B_OPENS;
        }
        if (delivery.category() == SendCategory.TRANSACTIONAL) {
            chance *= TRANSACTIONAL_OPENS;
        }
        return Math.min(0.95, chance);
    }

    private void atDelivery(final Profile profile, final Delivery delivery, final RandomGenerator random,
                            final List<PlannedHit> hits) {
        if (profile.client() == MailClient.APPLE_MPP && delivery.pixelUrl() != null) {
            hits.add(new PlannedHit(uniform(random, Duration.ofMillis(100), timing.machineMax()), Action.OPEN,
                    delivery.pixelUrl(), new Requester(Actor.APPLE_PROXY, UserAgents.APPLE_PROXY,
                    Addresses.apple(random))));
        }
        if (profile.client() == MailClient.CORPORATE_SCANNER) {
            final Requester gateway = new Requester(Actor.SCANNER, UserAgents.pick(UserAgents.SCANNERS,
                    profile.agentPick()), Addresses.gateway(random));
            final Duration scan = uniform(random, Duration.ofMillis(200), timing.scannerMax().minusMillis(600));
            if (delivery.pixelUrl() != null) {
                hits.add(new PlannedHit(scan, Action.OPEN, delivery.pixelUrl(), gateway));
            }
            // every link within a fraction of a second of each other: a burst no person makes
            for (int i = 0; i < delivery.trackedLinks().size(); i++) {
                hits.add(new PlannedHit(scan.plusMillis(50L * (i + 1)), Action.CLICK, delivery.trackedLinks().get(i),
                        gateway));
            }
            if (delivery.preferencesUrl() != null) {
                hits.add(new PlannedHit(scan.plusMillis(500), Action.VIEW_PREFERENCES, delivery.preferencesUrl(),
                        gateway));
            }
        }
    }

    private void whenOpened(final Profile profile, final Delivery delivery, final RandomGenerator random,
                            final List<PlannedHit> hits) {
        final Duration open = personDelay(random);
        final Requester device = new Requester(Actor.PERSON, UserAgents.pick(UserAgents.MAIL_APPS, profile.agentPick()),
                profile.home());
        if (delivery.pixelUrl() != null) {
            switch (profile.client()) {
                case GMAIL_PROXY -> hits.add(new PlannedHit(open, Action.OPEN, delivery.pixelUrl(),
                        new Requester(Actor.GOOGLE_PROXY, UserAgents.GOOGLE_PROXY, Addresses.google(random))));
                case DIRECT, CORPORATE_SCANNER -> {
                    hits.add(new PlannedHit(open, Action.OPEN, delivery.pixelUrl(), device));
                    if (random.nextDouble() < REOPEN) {
                        hits.add(new PlannedHit(open.plus(uniform(random, Duration.ofSeconds(10),
                                Duration.ofSeconds(60))), Action.OPEN, delivery.pixelUrl(), device));
                    }
                }
                // Apple's proxy fetched the image at delivery and serves it from its cache;
                // a client that blocks images fetches nothing
                case APPLE_MPP, IMAGE_BLOCKER -> {
                }
            }
        }
        final Requester browser = new Requester(Actor.PERSON, UserAgents.pick(UserAgents.BROWSERS, profile.agentPick()),
                profile.home());
        final double clickChance = CLICK_GIVEN_OPEN * ("B".equals(delivery.variant()) ? VARIANT_B_CLICKS : 1);
        if (!delivery.trackedLinks().isEmpty() && random.nextDouble() < clickChance) {
            final String link = delivery.trackedLinks().get(random.nextInt(delivery.trackedLinks().size()));
            hits.add(new PlannedHit(open.plus(uniform(random, Duration.ofSeconds(2), Duration.ofSeconds(20))),
                    Action.CLICK, link, browser));
        }
        final double withdrawChance = delivery.mode() == TrackingMode.PERSONAL ? WITHDRAW_GIVEN_OPEN_PERSONAL
                : WITHDRAW_GIVEN_OPEN_OTHER;
        if (delivery.preferencesUrl() != null && random.nextDouble() < withdrawChance) {
            hits.add(new PlannedHit(open.plus(uniform(random, Duration.ofSeconds(5), Duration.ofSeconds(30))),
                    Action.WITHDRAW, delivery.preferencesUrl(), browser));
        }
    }

    /** A person's delay: at least personMin, exponential beyond it, at most personMax. */
    private Duration personDelay(final RandomGenerator random) {
        final double extra = -Math.log(1 - random.nextDouble()) * timing.personMean().toMillis();
        final long millis = timing.personMin().toMillis() + (long) extra;
        return Duration.ofMillis(Math.min(millis, timing.personMax().toMillis()));
    }

    private static Duration uniform(final RandomGenerator random, final Duration from, final Duration to) {
        final long span = Math.max(1, to.toMillis() - from.toMillis());
        return from.plusMillis(random.nextLong(span));
    }
}
