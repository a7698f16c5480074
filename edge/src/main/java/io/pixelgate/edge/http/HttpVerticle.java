package io.pixelgate.edge.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.Function;

/**
 * One HTTP server on one event loop. Several instances listening on the same host and port share
 * the socket, Vert.x handing connections round-robin to their event loops.
 */
final class HttpVerticle extends VerticleBase {

    // the longest token plus the request line around it
    private static final int MAX_INITIAL_LINE = 4096 + 256;

    private final Function<Vertx, Handler<HttpServerRequest>> routes;
    private final String host;
    private final int port;
    private volatile int actualPort;

    HttpVerticle(final Function<Vertx, Handler<HttpServerRequest>> routes, final String host, final int port) {
        this.routes = routes;
        this.host = host;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        final HttpServerOptions options = new HttpServerOptions()
                .setMaxInitialLineLength(MAX_INITIAL_LINE)
                .setTcpNoDelay(true)
                .setCompressionSupported(false)
                .setIdleTimeout(60);
        return vertx.createHttpServer(options)
                .requestHandler(routes.apply(vertx))
                .listen(port, host)
                .onSuccess(server -> actualPort = server.actualPort());
    }

    int actualPort() {
        return actualPort;
    }
}
