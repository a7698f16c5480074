package io.pixelgate.aggregator.delivery;

import java.util.function.BinaryOperator;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Keeps each message's delivery time in the task of its profile, next to the message's dedupe
 * state, for the hit processor to time the message's hits from. The earliest delivery wins (a
 * replayed or duplicated delivery event changes nothing).
 */
public final class DeliveryKeeper implements Processor<String, DeliveryFact, Void, Void> {

    private final String storeName;
    private final BinaryOperator<String> messageKey;
    private WindowStore<String, Long> deliveries;

    /**
     * @param storeName  window store of delivery times by message key, at the send time
     * @param messageKey the store key of (profile id, message id)
     */
    public DeliveryKeeper(final String storeName, final BinaryOperator<String> messageKey) {
        this.storeName = storeName;
        this.messageKey = messageKey;
    }

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        this.deliveries = context.getStateStore(storeName);
    }

    @Override
    public void process(final Record<String, DeliveryFact> record) {
        final DeliveryFact fact = record.value();
        final String key = messageKey.apply(fact.profileId(), fact.messageId());
        final Long known = deliveries.fetch(key, fact.sentAt());
        if (known == null || fact.deliveredAt() < known) {
            deliveries.put(key, fact.deliveredAt(), fact.sentAt());
        }
    }
}
