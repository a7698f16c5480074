package io.pixelgate.edge.http;

import io.pixelgate.edge.EdgeMetrics;
import io.pixelgate.edge.EdgeMetrics.Endpoint;
import io.pixelgate.edge.hits.Hits;
import io.pixelgate.edge.kafka.RecordPublisher;
import io.pixelgate.edge.kafka.RecordType;
import io.pixelgate.events.Hit;
import io.pixelgate.events.HitKind;
import io.pixelgate.schemas.Topics;
import io.pixelgate.tokens.Link;
import io.pixelgate.tokens.Pixel;
import io.pixelgate.tokens.TokenCodec;
import io.pixelgate.tokens.TokenResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Optional;

/**
 * The pixel ({@code GET /o/{token}.gif}) and click ({@code GET /c/{token}}) endpoints. Each hit
 * is queued for Kafka and answered at once: the answer never waits on Kafka.
 */
final class TrackingHandlers {

    private static final String PIXEL_PREFIX = "/o/";
    private static final String GIF_SUFFIX = ".gif";
    private static final CharSequence IMAGE_GIF = HttpHeaders.createOptimized("image/gif");
    private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");
    private static final CharSequence NO_REFERRER = HttpHeaders.createOptimized("no-referrer");
    private static final CharSequence REFERRER_POLICY = HttpHeaders.createOptimized("Referrer-Policy");
    private static final CharSequence TEXT_PLAIN = HttpHeaders.createOptimized("text/plain; charset=utf-8");
    private static final byte[] GIF = Gif.bytes();

    private final TokenCodec codec;
    private final Topics topics;
    private final RecordPublisher publisher;
    private final EdgeMetrics metrics;
    private final ClientFactsReader clients;

    TrackingHandlers(final TokenCodec codec, final Topics topics, final RecordPublisher publisher,
                     final EdgeMetrics metrics, final ClientFactsReader clients) {
        this.codec = codec;
        this.topics = topics;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clients = clients;
    }

    /**
     * Answers {@code GET /o/{token}.gif} straight from the server, without the router: the pixel
     * is the hot path. False when the path is not a pixel's (the router then answers it).
     */
    boolean pixel(final HttpServerRequest request) {
        final String token = request.method() == HttpMethod.GET ? pixelToken(request.path()) : null;
        if (token == null) {
            return false;
        }
        // Always the GIF, whatever the token: a bad one reveals nothing and is still counted.
        final TokenResult<Pixel> result = codec.open(token, Pixel.class);
        result.rejection().ifPresent(reason -> metrics.invalidToken(Endpoint.PIXEL, reason));
        publisher.offer(RecordType.OPEN_HIT, topics.openHits(), Hits.keyOf(result), hit(HitKind.OPEN, token, request));
        request.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, IMAGE_GIF)
                .putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE)
                .end(Buffer.buffer(GIF));
        metrics.answered(Endpoint.PIXEL);
        return true;
    }

    /** The token of a pixel path, {@code /o/{token}.gif} as sent (not decoded), or null for another path. */
    static String pixelToken(final String path) {
        final int end = path.length() - GIF_SUFFIX.length();
        if (end <= PIXEL_PREFIX.length() || !path.startsWith(PIXEL_PREFIX) || !path.endsWith(GIF_SUFFIX)
                || path.indexOf('/', PIXEL_PREFIX.length()) >= 0) {
            return null;
        }
        return path.substring(PIXEL_PREFIX.length(), end);
    }

    /** 302 to the link's target; 404 for a bad token, so the edge is never an open redirect. */
    void click(final RoutingContext context) {
        final String token = context.pathParam("token");
        final TokenResult<Link> result = codec.open(token, Link.class);
        final Optional<String> location = result.toOptional().flatMap(link -> Redirects.location(link.targetUrl()));
        final Hit hit = hit(HitKind.CLICK, token, context.request());
        if (location.isPresent()) {
            publisher.offer(RecordType.CLICK_HIT, topics.clickHits(), Hits.keyOf(result.toOptional().orElseThrow()), hit);
            context.response()
                    .setStatusCode(302)
                    .putHeader(HttpHeaders.LOCATION, location.get())
                    .putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE)
                    .putHeader(REFERRER_POLICY, NO_REFERRER)
                    .end();
        } else {
            result.rejection().ifPresent(reason -> metrics.invalidToken(Endpoint.CLICK, reason));
            publisher.offer(RecordType.CLICK_HIT, topics.clickHits(), Hits.INVALID_KEY, hit);
            context.response()
                    .setStatusCode(404)
                    .putHeader(HttpHeaders.CONTENT_TYPE, TEXT_PLAIN)
                    .putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE)
                    .end("Not found\n");
        }
        metrics.answered(Endpoint.CLICK);
    }

    private Hit hit(final HitKind kind, final String token, final HttpServerRequest request) {
        return Hits.hit(kind, token, Instant.now(), request.getHeader(HttpHeaders.USER_AGENT), clients.read(request));
    }
}
