package io.pixelgate.demo;

import io.pixelgate.events.ConsentMethod;
import io.pixelgate.events.ConsentStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.random.RandomGenerator;

/**
 * When the simulated CRM learns each person's consent answer. Half of those who ever answer are
 * already known when the demo starts (the CRM's import); the others answer at a random moment
 * within the horizon (a signup checkbox), or soon after a consent-request email reaches them (the
 * email's link), whichever comes first. People who never answer never do. Thread-safe: the send
 * pump reads it while recipients' withdrawals cancel answers.
 */
public final class ConsentTimeline {

    /** Share of eventual answers that the CRM holds at the start. */
    static final double KNOWN_AT_START = 0.5;
    /** Share of people who answer soon after a consent-request email, of those not answered yet. */
    static final double ANSWER_AFTER_REQUEST = 0.6;

    private final Population population;
    private final PriorityQueue<Pending> pending = new PriorityQueue<>();
    private final long[] dueAt;
    private final BitSet answered = new BitSet();
    private final BitSet requested = new BitSet();
    private final BitSet withdrawn = new BitSet();
    private final List<Integer> requestOrder;
    private int requestCursor;

    private record Pending(long at, int index, ConsentMethod method) implements Comparable<Pending> {
        @Override
        public int compareTo(final Pending other) {
            return Long.compare(at, other.at);
        }
    }

    /**
     * @param horizon the span over which the answers not known at the start arrive
     */
    public ConsentTimeline(final Population population, final Duration horizon, final RandomGenerator random) {
        this.population = population;
        this.dueAt = new long[population.size()];
        final List<Integer> order = new ArrayList<>(population.size());
        for (final Profile profile : population.all()) {
            dueAt[profile.index()] = -1;
            order.add(profile.index());
            if (profile.answer().kind() == ConsentAnswer.Kind.NEVER) {
                continue;
            }
            final boolean known = random.nextDouble() < KNOWN_AT_START;
            final long at = known ? 0 : 1 + random.nextLong(Math.max(2, horizon.toMillis()));
            dueAt[profile.index()] = at;
            pending.add(new Pending(at, profile.index(),
                    known ? ConsentMethod.CRM_IMPORT : ConsentMethod.SIGNUP_CHECKBOX));
        }
        shuffle(order, random);
        this.requestOrder = order;
    }

    /** The answers due by {@code elapsedMillis} since the start, in time order; each is given once. */
    public synchronized List<CrmEvent> due(final long elapsedMillis) {
        final List<CrmEvent> events = new ArrayList<>();
        while (!pending.isEmpty() && pending.peek().at() <= elapsedMillis) {
            final Pending next = pending.poll();
            if (answered.get(next.index()) || withdrawn.get(next.index()) || dueAt[next.index()] != next.at()) {
                continue; // answered already, withdrawn since, or moved earlier by a consent request
            }
            answered.set(next.index());
            final Profile profile = population.get(next.index());
            final ConsentAnswer answer = profile.answer();
            events.add(new CrmEvent(profile, answer.kind() == ConsentAnswer.Kind.GRANT ? ConsentStatus.GRANTED
                    : ConsentStatus.DENIED, answer.purposes(), next.method()));
        }
        return events;
    }

    /**
     * The next profile to send a consent request to: one whose answer the CRM does not have and who
     * was not asked yet; empty when everyone was asked or answered.
     */
    public synchronized Optional<Profile> nextToAsk() {
        while (requestCursor < requestOrder.size()) {
            final int index = requestOrder.get(requestCursor++);
            if (!answered.get(index) && !requested.get(index) && !withdrawn.get(index)) {
                requested.set(index);
                return Optional.of(population.get(index));
            }
        }
        return Optional.empty();
    }

    /**
     * A consent request reached {@code profile} at {@code elapsedMillis}: someone who will answer
     * may do so now, through the email's link, within {@code within}.
     */
    public synchronized void asked(final Profile profile, final long elapsedMillis, final Duration within,
                                   final RandomGenerator random) {
        final int index = profile.index();
        if (answered.get(index) || withdrawn.get(index) || dueAt[index] < 0 || dueAt[index] <= elapsedMillis
                || random.nextDouble() >= ANSWER_AFTER_REQUEST) {
            return;
        }
        final long at = elapsedMillis + 1 + random.nextLong(Math.max(2, within.toMillis()));
        if (at < dueAt[index]) {
            dueAt[index] = at;
            pending.add(new Pending(at, index, ConsentMethod.CONSENT_EMAIL_LINK));
        }
    }

    /** {@code profile} withdrew on the preferences page: the CRM will not publish an older answer after that. */
    public synchronized void withdrew(final Profile profile) {
        withdrawn.set(profile.index());
    }

    private static void shuffle(final List<Integer> list, final RandomGenerator random) {
        for (int i = list.size() - 1; i > 0; i--) {
            final int j = random.nextInt(i + 1);
            final Integer swap = list.get(i);
            list.set(i, list.get(j));
            list.set(j, swap);
        }
    }
}
