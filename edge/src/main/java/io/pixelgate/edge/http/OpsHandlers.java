package io.pixelgate.edge.http;

import io.pixelgate.edge.EdgeMetrics;
import io.pixelgate.edge.kafka.KafkaHealth;
import io.pixelgate.edge.kafka.Lane;
import io.pixelgate.edge.kafka.RecordPublisher;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /health} and {@code GET /metrics}. */
final class OpsHandlers {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final KafkaHealth health;
    private final RecordPublisher publisher;
    private final EdgeMetrics metrics;

    OpsHandlers(final KafkaHealth health, final RecordPublisher publisher, final EdgeMetrics metrics) {
        this.health = health;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /** 200 when the last check reached Kafka, else 503; the body says how much is buffered. */
    void health(final RoutingContext context) {
        final boolean up = health.reachable();
        context.response()
                .setStatusCode(up ? 200 : 503)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end("{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"kafka\":\"" + (up ? "reachable" : "unreachable")
                        + "\",\"buffered\":" + publisher.buffered() + ",\"capacity\":" + publisher.limits(Lane.HITS).records() + "}\n");
    }

    void metrics(final RoutingContext context) {
        context.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS_TEXT)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(metrics.scrape());
    }
}
