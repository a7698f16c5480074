package io.pixelgate.platform;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Input records whose outputs the producer refused, remembered so that the retry rejects them.
 *
 * <p>Under exactly-once, a record the producer refuses (too large, a timestamp out of range) aborts
 * the whole transaction: Kafka Streams cannot send a dead-letter record in it, so the stream thread
 * fails, is replaced, and meets the same input again. {@link RejectingProductionHandler} remembers
 * that input here; the gate every input passes ({@link Inputs}) then sends it to the rejected topic
 * with the producer's reason, in the new transaction, instead of failing again. One instance per
 * Kafka Streams client, in memory: after a restart the record fails once more, then is rejected.
 * Bounded, so a storm of refusals cannot grow it without limit.
 */
public final class PoisonRecords {

    /** Streams config key under which a client's instance travels to its handlers and processors. */
    public static final String CONFIG = "pixelgate.poison.records";
    private static final int MAX_KEPT = 10_000;

    private final Map<String, Refused> refused = new ConcurrentHashMap<>();

    /** Remembers that the input at {@code topic}/{@code partition}/{@code offset} cannot be written out. */
    public void remember(final String topic, final int partition, final long offset, final String reason,
                         final byte[] rawKey, final byte[] rawValue) {
        if (refused.size() >= MAX_KEPT) {
            refused.clear();
        }
        refused.put(coordinates(topic, partition, offset), new Refused(reason, rawKey, rawValue));
    }

    /** Why the input at these coordinates was refused, if it was; cheap when nothing was. */
    public Optional<Refused> find(final String topic, final int partition, final long offset) {
        if (refused.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(refused.remove(coordinates(topic, partition, offset)));
    }

    private static String coordinates(final String topic, final int partition, final long offset) {
        return topic + '/' + partition + '/' + offset;
    }

    /** What the producer said, and the input as it was read. */
    public record Refused(String reason, byte[] rawKey, byte[] rawValue) {
    }
}
