package io.pixelgate.edge.http;

import io.pixelgate.edge.EdgeMetrics;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.function.Function;

/**
 * One HTTP server on one event loop. Several instances listening on the same host and port share
 * the socket, Vert.x handing connections round-robin to their event loops. Each enforces the
 * {@link HttpLimits}: connections beyond the instance's cap are closed as they open, headers
 * must arrive within the header time-out, request lines and headers have a size limit.
 */
final class HttpVerticle extends VerticleBase {

    private static final long MIN_SWEEP_MS = 50;
    private static final long MAX_SWEEP_MS = 1_000;

    private final Function<Vertx, Handler<HttpServerRequest>> routes;
    private final String host;
    private final int port;
    private final HttpLimits limits;
    private final ConnectionBudget budget;
    private final EdgeMetrics metrics;
    private volatile int actualPort;
    private long sweeper = -1;

    HttpVerticle(final Function<Vertx, Handler<HttpServerRequest>> routes, final String host, final int port,
                 final HttpLimits limits, final ConnectionBudget budget, final EdgeMetrics metrics) {
        this.routes = routes;
        this.host = host;
        this.port = port;
        this.limits = limits;
        this.budget = budget;
        this.metrics = metrics;
    }

    @Override
    public Future<?> start() {
        final HttpServerOptions options = new HttpServerOptions()
                .setMaxInitialLineLength(limits.maxRequestLine())
                .setMaxHeaderSize(limits.maxHeaderSize())
                // HTTP/1.1 only: a proxy in front terminates TLS and HTTP/2; header deadlines are per connection
                .setHttp2ClearTextEnabled(false)
                .setTcpNoDelay(true)
                .setCompressionSupported(false)
                .setIdleTimeout(60);
        final HeaderDeadlines deadlines = new HeaderDeadlines(limits.headerTimeout().toNanos(), metrics::headerTimedOut);
        final Handler<HttpServerRequest> handler = routes.apply(vertx);
        return vertx.createHttpServer(options)
                .connectionHandler(connection -> opened(connection, deadlines))
                .requestHandler(request -> {
                    deadlines.started(request);
                    handler.handle(request);
                })
                .listen(port, host)
                .onSuccess(server -> {
                    actualPort = server.actualPort();
                    sweeper = vertx.setPeriodic(sweepMillis(limits.headerTimeout()), id -> deadlines.sweep(System.nanoTime()));
                });
    }

    @Override
    public Future<?> stop() {
        if (sweeper >= 0) {
            vertx.cancelTimer(sweeper);
        }
        return Future.succeededFuture();
    }

    private void opened(final HttpConnection connection, final HeaderDeadlines deadlines) {
        if (!budget.tryOpen()) {
            metrics.connectionRefused();
            connection.close();
            return;
        }
        connection.closeHandler(closed -> {
            budget.closed();
            deadlines.forget(connection);
        });
        deadlines.watch(connection, System.nanoTime());
    }

    /** A quarter of the time-out, within bounds: a connection is closed at most that much late. */
    private static long sweepMillis(final Duration timeout) {
        return Math.max(MIN_SWEEP_MS, Math.min(MAX_SWEEP_MS, timeout.toMillis() / 4));
    }

    int actualPort() {
        return actualPort;
    }
}
