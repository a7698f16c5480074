package io.pixelgate.aggregator.delivery;

import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Finds the profile of each delivery. A delivery names only its message, and a message's hits are
 * counted in the task of its profile, so deliveries and the routes of tracked sends (message id →
 * profile id, send time) meet here, both keyed by message id on repartition topics of the same
 * partition count; whichever comes second forwards the delivery, keyed by profile id. Either side
 * waits up to the delivery horizon after the send for the other (an MTA retries for days).
 */
public final class DeliveryRouter implements Processor<String, DeliveryFact, String, DeliveryFact> {

    private final String routeStoreName;
    private final String waitingStoreName;
    private final Duration horizon;
    private ProcessorContext<String, DeliveryFact> context;
    private WindowStore<String, DeliveryFact> routes;
    private WindowStore<String, Long> waiting;

    /**
     * @param routeStoreName   window store of routes by message id, at the send time
     * @param waitingStoreName window store of deliveries whose route is not known yet, at the delivery time
     * @param horizon          how long after a send its delivery may come
     */
    public DeliveryRouter(final String routeStoreName, final String waitingStoreName, final Duration horizon) {
        this.routeStoreName = routeStoreName;
        this.waitingStoreName = waitingStoreName;
        this.horizon = horizon;
    }

    @Override
    public void init(final ProcessorContext<String, DeliveryFact> context) {
        this.context = context;
        this.routes = context.getStateStore(routeStoreName);
        this.waiting = context.getStateStore(waitingStoreName);
    }

    /** A fact with a profile is a route (from a tracked send); one without is a delivery. */
    @Override
    public void process(final Record<String, DeliveryFact> record) {
        final DeliveryFact fact = record.value();
        if (fact.profileId() != null) {
            routes.put(fact.messageId(), fact, fact.sentAt());
            try (WindowStoreIterator<Long> found = waiting.fetch(fact.messageId(), fact.sentAt() - horizon.toMillis(),
                    fact.sentAt() + horizon.toMillis())) {
                while (found.hasNext()) {
                    final long deliveredAt = found.next().value;
                    forward(record, fact.routed(fact.profileId(), fact.sentAt()), deliveredAt);
                }
            }
            return;
        }
        try (WindowStoreIterator<DeliveryFact> found = routes.fetch(fact.messageId(),
                fact.deliveredAt() - horizon.toMillis(), fact.deliveredAt() + horizon.toMillis())) {
            if (!found.hasNext()) {
                waiting.put(fact.messageId(), fact.deliveredAt(), fact.deliveredAt());
                return;
            }
            final DeliveryFact route = found.next().value;
            forward(record, fact.routed(route.profileId(), route.sentAt()), fact.deliveredAt());
        }
    }

    private void forward(final Record<String, DeliveryFact> record, final DeliveryFact routed, final long deliveredAt) {
        final DeliveryFact delivery = new DeliveryFact(routed.messageId(), routed.profileId(), routed.sentAt(),
                deliveredAt);
        context.forward(record.withKey(delivery.profileId()).withValue(delivery));
    }
}
