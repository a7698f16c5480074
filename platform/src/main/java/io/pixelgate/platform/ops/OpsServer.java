package io.pixelgate.platform.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoint of a process, on a port of its own ({@code ops.port}), so that health
 * checks and scrapes never queue behind the edge's traffic and the Streams applications, which
 * serve no HTTP otherwise, have one too:
 *
 * <ul>
 *   <li>{@code GET /health/live}: 200 unless an application is dead (a failed Streams client, a
 *       stopped server): an orchestrator should restart the process;</li>
 *   <li>{@code GET /health/ready} and {@code GET /health}: 200 when every application serves (its
 *       Streams client RUNNING, the edge reaching Kafka), else 503;</li>
 *   <li>{@code GET /metrics}: {@link Meters} in the Prometheus text format.</li>
 * </ul>
 *
 * Health bodies are JSON naming each application with its state, e.g.
 * {@code {"status":"UP","applications":[{"name":"consent-events","state":"RUNNING","live":true,"ready":true}]}}.
 * A plain JDK server: two small threads, and the platform stays free of an HTTP framework.
 */
public final class OpsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json";
    private static final int THREADS = 2;
    private static final ObjectMapper JSON_WRITER = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;

    private OpsServer(final HttpServer server, final ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Listens on {@code settings}' host and port and answers from {@code health} (asked at every
     * request) and {@code meters}; the JVM's meters are bound to {@code meters} here.
     *
     * @throws IllegalStateException naming the setting when the port cannot be had
     */
    public static OpsServer start(final OpsSettings settings, final Meters meters,
                                  final Supplier<List<AppHealth>> health) {
        final HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
        } catch (final IOException e) {
            throw new IllegalStateException("the operations endpoint cannot listen on " + settings.host() + ":"
                    + settings.port() + " (is the port in use? set " + OpsSettings.PORT.key() + " or "
                    + OpsSettings.HOST.key() + "): " + e.getMessage(), e);
        }
        meters.bindJvm();
        server.createContext("/", exchange -> route(exchange, meters, health));
        final ExecutorService executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            final Thread thread = new Thread(runnable, "pixelgate-ops-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        LOG.info("operations endpoint on {}:{}", settings.host(), server.getAddress().getPort());
        return new OpsServer(server, executor);
    }

    /** The port listened on (the one picked when {@code ops.port} is 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** One context and exact paths: the JDK server matches contexts by prefix, so /healthz would be /health. */
    private static void route(final HttpExchange exchange, final Meters meters, final Supplier<List<AppHealth>> health)
            throws IOException {
        final String method = exchange.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            answer(exchange, 405, JSON, "{\"error\":\"only GET and HEAD\"}\n");
            return;
        }
        switch (exchange.getRequestURI().getPath()) {
            case "/health/live" -> answerHealth(exchange, health.get(), AppHealth::live);
            case "/health/ready", "/health" -> answerHealth(exchange, health.get(), AppHealth::ready);
            case "/metrics" -> answer(exchange, 200, PROMETHEUS_TEXT, meters.scrape());
            default -> answer(exchange, 404, JSON,
                    "{\"error\":\"not found: the paths are /health/live, /health/ready, /health and /metrics\"}\n");
        }
    }

    private static void answerHealth(final HttpExchange exchange, final List<AppHealth> apps,
                                     final Predicate<AppHealth> up) throws IOException {
        final boolean allUp = !apps.isEmpty() && apps.stream().allMatch(up);
        answer(exchange, allUp ? 200 : 503, JSON, healthBody(allUp, apps));
    }

    private static String healthBody(final boolean up, final List<AppHealth> apps) throws JsonProcessingException {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("applications", apps.stream().map(app -> {
            final Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", app.application());
            one.put("state", app.state());
            one.put("live", app.live());
            one.put("ready", app.ready());
            return one;
        }).toList());
        return JSON_WRITER.writeValueAsString(body) + "\n";
    }

    private static void answer(final HttpExchange exchange, final int status, final String type, final String body)
            throws IOException {
        try (exchange) {
            final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
