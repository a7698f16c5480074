package io.pixelgate.edge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pixelgate.edge.kafka.DropReason;
import io.pixelgate.edge.kafka.PublisherListener;
import io.pixelgate.edge.kafka.RecordType;
import io.pixelgate.platform.ops.Meters;
import io.pixelgate.tokens.Rejection;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The edge's meters, in the process's {@link Meters}: served in the Prometheus text format on the
 * edge's {@code /metrics} and on the operations endpoint's. Every counter is created up front, so the
 * request path only increments.
 *
 * <ul>
 *   <li>{@code pixelgate_edge_requests_total{endpoint}}: requests answered, per endpoint</li>
 *   <li>{@code pixelgate_edge_invalid_tokens_total{endpoint,reason}}: tokens that did not open</li>
 *   <li>{@code pixelgate_edge_records_sent_total{type}}: records Kafka acknowledged</li>
 *   <li>{@code pixelgate_edge_records_dropped_total{type,reason}}: records that never reached Kafka
 *       (reason {@code overflow}: the buffer was full)</li>
 *   <li>{@code pixelgate_edge_records_buffered}: records waiting for Kafka's acknowledgement</li>
 *   <li>{@code pixelgate_edge_kafka_reachable}: 1 when the last health check reached Kafka</li>
 * </ul>
 */
public final class EdgeMetrics implements PublisherListener {

    /** The endpoints counted. */
    public enum Endpoint {
        PIXEL("pixel"), CLICK("click"), PREFERENCES_PAGE("preferences-page"),
        PREFERENCES_DECISION("preferences-decision"), WITHDRAW("withdraw");

        private final String tag;

        Endpoint(final String tag) {
            this.tag = tag;
        }
    }

    private final Meters meters;
    private final MeterRegistry registry;
    private final Map<Endpoint, Counter> requests = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, Map<Rejection, Counter>> invalidTokens = new EnumMap<>(Endpoint.class);
    private final Map<RecordType, Counter> sent = new EnumMap<>(RecordType.class);
    private final Map<RecordType, Map<DropReason, Counter>> dropped = new EnumMap<>(RecordType.class);

    public EdgeMetrics(final Meters meters) {
        this.meters = meters;
        this.registry = meters.registry();
        for (final Endpoint endpoint : Endpoint.values()) {
            requests.put(endpoint, Counter.builder("pixelgate.edge.requests").tag("endpoint", endpoint.tag)
                    .description("Requests answered").register(registry));
            final Map<Rejection, Counter> byReason = new EnumMap<>(Rejection.class);
            for (final Rejection reason : Rejection.values()) {
                byReason.put(reason, Counter.builder("pixelgate.edge.invalid.tokens").tag("endpoint", endpoint.tag)
                        .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                        .description("Tokens that did not open (forged, malformed, unknown key, wrong kind)")
                        .register(registry));
            }
            invalidTokens.put(endpoint, byReason);
        }
        for (final RecordType type : RecordType.values()) {
            sent.put(type, Counter.builder("pixelgate.edge.records.sent").tag("type", type.tag())
                    .description("Records acknowledged by Kafka").register(registry));
            final Map<DropReason, Counter> byReason = new EnumMap<>(DropReason.class);
            for (final DropReason reason : DropReason.values()) {
                byReason.put(reason, Counter.builder("pixelgate.edge.records.dropped").tag("type", type.tag())
                        .tag("reason", reason.tag()).description("Records that never reached Kafka")
                        .register(registry));
            }
            dropped.put(type, byReason);
        }
    }

    /** Publishes the buffer depth and Kafka reachability, read when scraped. */
    public void bindGauges(final IntSupplier buffered, final BooleanSupplier kafkaReachable) {
        Gauge.builder("pixelgate.edge.records.buffered", buffered::getAsInt)
                .description("Records accepted and not yet acknowledged by Kafka").register(registry);
        Gauge.builder("pixelgate.edge.kafka.reachable", () -> kafkaReachable.getAsBoolean() ? 1 : 0)
                .description("1 when the last health check reached Kafka").register(registry);
    }

    public void answered(final Endpoint endpoint) {
        requests.get(endpoint).increment();
    }

    public void invalidToken(final Endpoint endpoint, final Rejection reason) {
        invalidTokens.get(endpoint).get(reason).increment();
    }

    @Override
    public void sent(final RecordType type) {
        sent.get(type).increment();
    }

    @Override
    public void dropped(final RecordType type, final DropReason reason) {
        dropped.get(type).get(reason).increment();
    }

    /** Requests answered so far on {@code endpoint}. */
    public long answeredCount(final Endpoint endpoint) {
        return (long) requests.get(endpoint).count();
    }

    /** Records of {@code type} dropped so far for {@code reason}. */
    public long droppedCount(final RecordType type, final DropReason reason) {
        return (long) dropped.get(type).get(reason).count();
    }

    /** Records dropped so far, whatever their type and reason. */
    public long droppedTotal() {
        return dropped.values().stream().flatMap(byReason -> byReason.values().stream())
                .mapToLong(counter -> (long) counter.count()).sum();
    }

    /** Every meter in the Prometheus text format. */
    public String scrape() {
        return meters.scrape();
    }
}
