package io.pixelgate.edge.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The edge's routes (SPEC.md section 3) and nothing else: which path goes to which handler. */
final class EdgeRouter {

    /** Preference forms are a few hundred bytes; anything much larger is not one. */
    static final long FORM_BODY_LIMIT = 16 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(EdgeRouter.class);

    private EdgeRouter() {
    }

    /**
     * Every request: a pixel is answered at once by {@link TrackingHandlers#pixel}, the rest goes
     * through the router.
     */
    static Handler<HttpServerRequest> build(final Vertx vertx, final TrackingHandlers tracking,
                                            final PreferencesHandlers preferences, final ReceiptHandlers receipts,
                                            final OpsHandlers ops) {
        final Router router = router(vertx, tracking, preferences, receipts, ops);
        return request -> {
            if (!tracking.pixel(request)) {
                router.handle(request);
            }
        };
    }

    static Router router(final Vertx vertx, final TrackingHandlers tracking, final PreferencesHandlers preferences,
                         final ReceiptHandlers receipts, final OpsHandlers ops) {
        final Router router = Router.router(vertx);
        router.get("/c/:token").handler(tracking::click);
        router.get("/p/:token").handler(preferences::page);
        router.post("/p/:token").handler(BodyHandler.create(false).setBodyLimit(FORM_BODY_LIMIT))
                .handler(preferences::decide);
        // no body handler: a one-click withdrawal works whatever its body, and reads it itself
        router.post("/p/:token/withdraw").handler(preferences::withdraw);
        router.get("/p/:token/receipt").handler(receipts::receipt);
        router.get("/health").handler(ops::health);
        router.get("/metrics").handler(ops::metrics);
        router.route().failureHandler(context -> {
            if (context.failure() != null) {
                // the route's pattern, not the path: paths hold tokens, which stay out of logs
                LOG.error("{} {} failed", context.request().method(),
                        context.currentRoute() == null ? "?" : context.currentRoute().getPath(), context.failure());
            }
            if (!context.response().ended()) {
                context.response().setStatusCode(context.statusCode() > 0 ? context.statusCode() : 500).end();
            }
        });
        return router;
    }
}
