package io.pixelgate.demo;

import io.pixelgate.demo.PlannedHit.Action;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The recipients' mailboxes at work: each delivered email becomes the requests {@link Recipients}
 * plans, made at their time through the {@link EdgeClient}. A person withdraws once at most; a
 * withdrawal also stops the CRM from publishing an older answer of theirs later.
 */
final class Mailboxes implements AutoCloseable {

    private final Population population;
    private final Recipients recipients;
    private final ConsentTimeline crm;
    private final EdgeClient edge;
    private final DemoCounters counters;
    private final RandomGenerator random;
    private final ScheduledThreadPoolExecutor clock = new ScheduledThreadPoolExecutor(1,
            EdgeClient.daemon("demo-mailboxes"));
    private final Set<String> withdrawn = ConcurrentHashMap.newKeySet();

    /**
     * @param random used only from the thread that calls {@link #deliver}
     */
    Mailboxes(final Population population, final Recipients recipients, final ConsentTimeline crm,
              final EdgeClient edge, final DemoCounters counters, final RandomGenerator random) {
        this.population = population;
        this.recipients = recipients;
        this.crm = crm;
        this.edge = edge;
        this.counters = counters;
        this.random = random;
        clock.setRemoveOnCancelPolicy(true);
    }

    /** {@code delivery} reached its recipient now; returns false if the recipient is not in this population. */
    boolean deliver(final Delivery delivery) {
        final Optional<Profile> profile = population.byId(delivery.profileId());
        if (profile.isEmpty()) {
            return false;
        }
        counters.delivered(delivery.mode());
        final List<PlannedHit> hits = recipients.react(profile.get(), delivery, random);
        for (final PlannedHit hit : hits) {
            schedule(hit, profile.get());
        }
        return true;
    }

    /**
     * Someone requests a made-up pixel URL at the edge, now.
     *
     * @param own the caller's random generator: this runs on another thread than {@link #deliver}
     */
    void probe(final String edgeUrl, final RandomGenerator own) {
        final byte[] garbage = new byte[48];
        own.nextBytes(garbage);
        final String url = edgeUrl + "/o/" + Base64.getUrlEncoder().withoutPadding().encodeToString(garbage) + ".gif";
        schedule(new PlannedHit(Duration.ZERO, Action.OPEN, url,
                new Requester(Actor.PROBE, UserAgents.PROBE, Addresses.home(own))), null);
    }

    /** Waits until every planned request was made, or {@code limit} passed. */
    void awaitIdle(final Duration limit) throws InterruptedException {
        final long end = System.nanoTime() + limit.toNanos();
        while (counters.pending() > 0 && System.nanoTime() < end) {
            Thread.sleep(200);
        }
    }

    private void schedule(final PlannedHit hit, final Profile profile) {
        counters.scheduled();
        clock.schedule(() -> run(hit, profile), hit.after().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Runs on the clock's thread, which waits for a free HTTP slot: the clock falls behind rather
     * than flood the edge.
     */
    private void run(final PlannedHit hit, final Profile profile) {
        if (hit.action() == Action.WITHDRAW && !withdrawn.add(profile.id())) {
            counters.finished();
            return;
        }
        try {
            edge.perform(hit).whenComplete((ok, error) -> {
                counters.finished();
                if (hit.action() == Action.WITHDRAW && Boolean.TRUE.equals(ok)) {
                    crm.withdrew(profile);
                }
            });
        } catch (final InterruptedException e) {
            counters.finished();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        clock.shutdownNow();
        edge.close();
    }
}
