package io.pixelgate.edge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pixelgate.edge.kafka.DropReason;
import io.pixelgate.edge.kafka.Lane;
import io.pixelgate.edge.kafka.PublisherListener;
import io.pixelgate.edge.kafka.RecordPublisher;
import io.pixelgate.edge.kafka.RecordType;
import io.pixelgate.platform.ops.Meters;
import io.pixelgate.tokens.Rejection;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The edge's meters, served in the Prometheus text format on {@code /metrics}. Every counter is
 * created up front, so the request path only increments.
 *
 * <ul>
 *   <li>{@code pixelgate_edge_requests_total{endpoint}}: requests answered, per endpoint</li>
 *   <li>{@code pixelgate_edge_invalid_tokens_total{endpoint,reason}}: tokens that did not open</li>
 *   <li>{@code pixelgate_edge_records_sent_total{type}}: records Kafka acknowledged</li>
 *   <li>{@code pixelgate_edge_records_dropped_total{type,reason}}: records that never reached Kafka
 *       (reason {@code overflow}: their lane held its most records; {@code overflow-bytes}: its most
 *       bytes; {@code shutdown}, {@code error})</li>
 *   <li>{@code pixelgate_edge_records_buffered}: records waiting for Kafka's acknowledgement</li>
 *   <li>{@code pixelgate_edge_buffer_records{lane}}, {@code pixelgate_edge_buffer_bytes{lane}}: the
 *       fill of each lane ({@code hits}, {@code consent}), and {@code pixelgate_edge_buffer_limit_records{lane}},
 *       {@code pixelgate_edge_buffer_limit_bytes{lane}} its bounds</li>
 *   <li>{@code pixelgate_edge_kafka_reachable}: 1 when the last health check reached Kafka</li>
 *   <li>{@code pixelgate_edge_preferences_refused_total{reason}}: preferences POSTs that recorded
 *       nothing ({@code forgery}, {@code bad-form}, {@code rate-limit}, {@code needs-purpose},
 *       {@code form-too-old}, {@code form-superseded}); {@code pixelgate_edge_withdrawals_coalesced_total}:
 *       withdrawals answered at once and recorded with the others of their window</li>
 *   <li>{@code pixelgate_edge_connections_open}: HTTP connections open on this instance;
 *       {@code pixelgate_edge_connections_closed_total{reason}}: connections the edge closed
 *       ({@code limit}: beyond {@code edge.http.max.connections}; {@code header-timeout}: headers
 *       not complete within {@code edge.http.header.timeout})</li>
 * </ul>
 */
public final class EdgeMetrics implements PublisherListener {

    /** The endpoints counted. */
    public enum Endpoint {
        PIXEL("pixel"), CLICK("click"), PREFERENCES_PAGE("preferences-page"),
        PREFERENCES_DECISION("preferences-decision"), WITHDRAW("withdraw"), RECEIPT("receipt");

        private final String tag;

        Endpoint(final String tag) {
            this.tag = tag;
        }
    }

    /** Why a preferences POST recorded nothing. */
    public enum Refusal {
        FORGERY("forgery"), BAD_FORM("bad-form"), RATE_LIMIT("rate-limit"), NEEDS_PURPOSE("needs-purpose"),
        FORM_TOO_OLD("form-too-old"), FORM_SUPERSEDED("form-superseded");

        private final String tag;

        Refusal(final String tag) {
            this.tag = tag;
        }
    }

    private final Meters meters;
    private final MeterRegistry registry;
    private final Map<Endpoint, Counter> requests = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, Map<Rejection, Counter>> invalidTokens = new EnumMap<>(Endpoint.class);
    private final Map<RecordType, Counter> sent = new EnumMap<>(RecordType.class);
    private final Map<RecordType, Map<DropReason, Counter>> dropped = new EnumMap<>(RecordType.class);
    private final Map<Refusal, Counter> refusals = new EnumMap<>(Refusal.class);
    private final Counter coalescedWithdrawals;
    private final Counter connectionsRefused;
    private final Counter headerTimeouts;

    public EdgeMetrics(final Meters meters) {
        this.meters = meters;
        this.registry = meters.registry();
        this.coalescedWithdrawals = Counter.builder("pixelgate.edge.withdrawals.coalesced")
                .description("Withdrawals answered at once and recorded as one with the others of their window")
                .register(registry);
        this.connectionsRefused = connectionsClosed("limit");
        this.headerTimeouts = connectionsClosed("header-timeout");
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
        for (final Refusal refusal : Refusal.values()) {
            refusals.put(refusal, Counter.builder("pixelgate.edge.preferences.refused").tag("reason", refusal.tag)
                    .description("Preferences POSTs that recorded nothing, by reason").register(registry));
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

    /** Publishes the buffer's fill and bounds and Kafka reachability, read when scraped. */
    public void bindGauges(final RecordPublisher publisher, final BooleanSupplier kafkaReachable) {
        Gauge.builder("pixelgate.edge.records.buffered", publisher::buffered)
                .description("Records accepted and not yet acknowledged by Kafka").register(registry);
        for (final Lane lane : Lane.values()) {
            Gauge.builder("pixelgate.edge.buffer.records", () -> publisher.buffered(lane)).tag("lane", lane.tag())
                    .description("Records of this lane not yet acknowledged by Kafka").register(registry);
            Gauge.builder("pixelgate.edge.buffer.bytes", () -> publisher.bufferedBytes(lane)).tag("lane", lane.tag())
                    .description("Estimated bytes of this lane not yet acknowledged by Kafka").register(registry);
            Gauge.builder("pixelgate.edge.buffer.limit.records", () -> publisher.limits(lane).records())
                    .tag("lane", lane.tag()).description("The most records this lane holds").register(registry);
            Gauge.builder("pixelgate.edge.buffer.limit.bytes", () -> publisher.limits(lane).bytes())
                    .tag("lane", lane.tag()).description("The most bytes this lane holds").register(registry);
        }
        Gauge.builder("pixelgate.edge.kafka.reachable", () -> kafkaReachable.getAsBoolean() ? 1 : 0)
                .description("1 when the last health check reached Kafka").register(registry);
    }

    /** Publishes how many HTTP connections are open, read when scraped. */
    public void bindConnections(final IntSupplier open) {
        Gauge.builder("pixelgate.edge.connections.open", open::getAsInt)
                .description("HTTP connections open on this edge instance").register(registry);
    }

    /** A new connection closed at once: the instance had as many as allowed. */
    public void connectionRefused() {
        connectionsRefused.increment();
    }

    /** A connection closed because its request's headers were not complete in time. */
    public void headerTimedOut() {
        headerTimeouts.increment();
    }

    /** A preferences POST that recorded nothing. */
    public void refused(final Refusal refusal) {
        refusals.get(refusal).increment();
    }

    /** A withdrawal answered at once, to be recorded with the others of its window. */
    public void withdrawalCoalesced() {
        coalescedWithdrawals.increment();
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

    private Counter connectionsClosed(final String reason) {
        return Counter.builder("pixelgate.edge.connections.closed").tag("reason", reason)
                .description("Connections the edge closed: beyond the cap, or headers too slow").register(registry);
    }

    /** Every meter in the Prometheus text format. */
    public String scrape() {
        return meters.scrape();
    }
}
