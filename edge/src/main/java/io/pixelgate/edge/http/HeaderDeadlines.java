package io.pixelgate.edge.http;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Closes the connections of one event loop that take too long to send a request's headers: a
 * client sending them byte by byte (Slowloris) keeps the idle time-out from ever firing, so the
 * time is counted from when the connection opened, or from when its previous answer was sent, to
 * when the next request's headers are complete. An idle keep-alive connection is closed after the
 * same time. Checked by a periodic sweep rather than a timer per request: nothing to re-arm, and
 * no handler of the response is taken from the router.
 *
 * <p>Confined to its event loop: every method runs on it.
 */
final class HeaderDeadlines {

    private final long timeoutNanos;
    private final Runnable onTimeout;
    private final Map<HttpConnection, Watched> connections = new HashMap<>();

    HeaderDeadlines(final long timeoutNanos, final Runnable onTimeout) {
        this.timeoutNanos = timeoutNanos;
        this.onTimeout = onTimeout;
    }

    /** A new connection: its first request's headers are due within the time-out. */
    void watch(final HttpConnection connection, final long now) {
        connections.put(connection, new Watched(now));
    }

    void forget(final HttpConnection connection) {
        connections.remove(connection);
    }

    /** A request's headers are complete: nothing is due on its connection until it is answered. */
    void started(final HttpServerRequest request) {
        final Watched watched = connections.get(request.connection());
        if (watched != null) {
            watched.current = request;
        }
    }

    /** Closes every connection whose headers are overdue; call it often compared to the time-out. */
    void sweep(final long now) {
        final Iterator<Map.Entry<HttpConnection, Watched>> entries = connections.entrySet().iterator();
        while (entries.hasNext()) {
            final Map.Entry<HttpConnection, Watched> entry = entries.next();
            final Watched watched = entry.getValue();
            if (watched.current != null && watched.current.response().ended()) {
                watched.current = null;
                watched.waitingSince = now;
            }
            if (watched.current == null && now - watched.waitingSince > timeoutNanos) {
                entries.remove();
                onTimeout.run();
                entry.getKey().close();
            }
        }
    }

    /** One connection: the request being answered, or null while the next one's headers are due. */
    private static final class Watched {
        private HttpServerRequest current;
        private long waitingSince;

        private Watched(final long waitingSince) {
            this.waitingSince = waitingSince;
        }
    }
}
