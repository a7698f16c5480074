package io.pixelgate.demo;

import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.SendCategory;
import io.pixelgate.events.TrackingMode;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** What the simulator itself did, counted as it goes; read by the live view. Thread-safe. */
public final class DemoCounters {

    private final Map<SendCategory, LongAdder> sends = adders(SendCategory.class);
    private final Map<ConsentStatus, LongAdder> crm = adders(ConsentStatus.class);
    private final Map<TrackingMode, LongAdder> delivered = adders(TrackingMode.class);
    private final Map<Actor, LongAdder> requests = adders(Actor.class);
    private final LongAdder errors = new LongAdder();
    private final LongAdder withdrawals = new LongAdder();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    /** A copy of the counters at one moment. */
    public record Snapshot(Map<SendCategory, Long> sends, Map<ConsentStatus, Long> crm,
                           Map<TrackingMode, Long> delivered, Map<Actor, Long> requests, long errors,
                           long withdrawals, long pending, String lastError) {

        public Snapshot {
            sends = Map.copyOf(sends);
            crm = Map.copyOf(crm);
            delivered = Map.copyOf(delivered);
            requests = Map.copyOf(requests);
        }

        public long sendsTotal() {
            return sends.values().stream().mapToLong(Long::longValue).sum();
        }

        public long deliveredTotal() {
            return delivered.values().stream().mapToLong(Long::longValue).sum();
        }

        public long requestsTotal() {
            return requests.values().stream().mapToLong(Long::longValue).sum();
        }

        /** An empty snapshot, before anything happened. */
        public static Snapshot empty() {
            return new DemoCounters().snapshot();
        }
    }

    public void sent(final SendCategory category) {
        sends.get(category).increment();
    }

    public void crmEvent(final ConsentStatus status) {
        crm.get(status).increment();
    }

    public void delivered(final TrackingMode mode) {
        delivered.get(mode).increment();
    }

    public void request(final Actor actor) {
        requests.get(actor).increment();
    }

    public void withdrawal() {
        withdrawals.increment();
    }

    public void error(final String what) {
        errors.increment();
        lastError.set(what);
    }

    public void scheduled() {
        pending.incrementAndGet();
    }

    public void finished() {
        pending.decrementAndGet();
    }

    public long pending() {
        return pending.get();
    }

    public Snapshot snapshot() {
        return new Snapshot(sums(sends), sums(crm), sums(delivered), sums(requests), errors.sum(), withdrawals.sum(),
                Math.max(0, pending.get()), lastError.get());
    }

    private static <E extends Enum<E>> Map<E, LongAdder> adders(final Class<E> type) {
        final Map<E, LongAdder> map = new EnumMap<>(type);
        for (final E value : type.getEnumConstants()) {
            map.put(value, new LongAdder());
        }
        return map;
    }

    private static <E extends Enum<E>> Map<E, Long> sums(final Map<E, LongAdder> adders) {
        final Map<E, Long> sums = new HashMap<>();
        adders.forEach((key, adder) -> sums.put(key, adder.sum()));
        return sums;
    }
}
