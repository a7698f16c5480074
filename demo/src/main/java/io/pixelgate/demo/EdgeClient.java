package io.pixelgate.demo;

import io.pixelgate.demo.FormFields.Form;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Makes the simulated requests to the edge over real HTTP, as the clients they stand for would:
 * their User-Agent, their address in {@code X-Forwarded-For} (the edge trusts loopback as a
 * proxy in the demo), redirects not followed. At most {@link #MAX_IN_FLIGHT} requests are in
 * flight: a caller waits for a slot, so a slow edge slows the simulation instead of being flooded.
 */
final class EdgeClient implements AutoCloseable {

    static final int MAX_IN_FLIGHT = 16;
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private final ExecutorService executor = Executors.newFixedThreadPool(2, daemon("demo-http"));
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT)
            .executor(executor)
            .build();
    private final Semaphore slots = new Semaphore(MAX_IN_FLIGHT);
    private final DemoCounters counters;

    EdgeClient(final DemoCounters counters) {
        this.counters = counters;
    }

    /**
     * Makes the request(s) of {@code hit} once a slot is free; completes with true when the edge
     * answered as it should (pixel 200, click 302, page 200, withdrawal 200).
     *
     * @throws InterruptedException when stopped while waiting for a slot
     */
    CompletableFuture<Boolean> perform(final PlannedHit hit) throws InterruptedException {
        slots.acquire();
        final CompletableFuture<Boolean> done = switch (hit.action()) {
            case OPEN -> expect(hit, get(hit, hit.url()), 200);
            case CLICK -> expect(hit, get(hit, hit.url()), 302);
            case VIEW_PREFERENCES -> expect(hit, get(hit, hit.url()), 200);
            case WITHDRAW -> withdraw(hit);
        };
        return done.whenComplete((ok, error) -> slots.release());
    }

    /** The preferences page, then its withdraw form posted back with the page's cookie and hidden fields. */
    private CompletableFuture<Boolean> withdraw(final PlannedHit hit) {
        counters.request(hit.by().actor());
        return http.sendAsync(request(hit, hit.url()).GET().build(), HttpResponse.BodyHandlers.ofString())
                .thenCompose(page -> {
                    if (page.statusCode() != 200) {
                        counters.error("GET /p/... answered " + page.statusCode());
                        return CompletableFuture.completedFuture(false);
                    }
                    final Optional<Form> form = FormFields.find(page.body(), "/withdraw");
                    if (form.isEmpty()) {
                        counters.error("the preferences page has no form posting to .../withdraw");
                        return CompletableFuture.completedFuture(false);
                    }
                    final URI action = URI.create(hit.url()).resolve(form.get().action());
                    final HttpRequest.Builder post = request(hit, action.toString())
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Origin", Delivery.baseOf(action.toString()))
                            .POST(HttpRequest.BodyPublishers.ofString(form.get().body()));
                    cookies(page.headers()).ifPresent(cookie -> post.header("Cookie", cookie));
                    counters.request(hit.by().actor());
                    return http.sendAsync(post.build(), HttpResponse.BodyHandlers.discarding())
                            .thenApply(answer -> {
                                if (answer.statusCode() != 200) {
                                    counters.error("POST /p/.../withdraw answered " + answer.statusCode());
                                    return false;
                                }
                                counters.withdrawal();
                                return true;
                            });
                })
                .exceptionally(error -> failed("withdrawal", error));
    }

    private CompletableFuture<HttpResponse<Void>> get(final PlannedHit hit, final String url) {
        counters.request(hit.by().actor());
        return http.sendAsync(request(hit, url).GET().build(), HttpResponse.BodyHandlers.discarding());
    }

    private CompletableFuture<Boolean> expect(final PlannedHit hit, final CompletableFuture<HttpResponse<Void>> answer,
                                              final int status) {
        return answer.thenApply(response -> {
            if (response.statusCode() != status) {
                counters.error(hit.action() + " " + path(hit.url()) + " answered " + response.statusCode()
                        + ", expected " + status);
                return false;
            }
            return true;
        }).exceptionally(error -> failed(hit.action().name(), error));
    }

    private HttpRequest.Builder request(final PlannedHit hit, final String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(TIMEOUT)
                .header("User-Agent", hit.by().userAgent())
                .header(FORWARDED_FOR, hit.by().address());
    }

    private boolean failed(final String what, final Throwable error) {
        final Throwable cause = error.getCause() == null ? error : error.getCause();
        counters.error(what + ": " + cause);
        return false;
    }

    /** The cookies a response set, as a {@code Cookie} request header. */
    static Optional<String> cookies(final HttpHeaders headers) {
        final List<String> pairs = headers.allValues("Set-Cookie").stream()
                .map(cookie -> cookie.split(";", 2)[0].trim())
                .filter(pair -> pair.contains("="))
                .toList();
        return pairs.isEmpty() ? Optional.empty() : Optional.of(pairs.stream().collect(Collectors.joining("; ")));
    }

    /** The path's first segment only: the rest is a token, which stays out of messages. */
    private static String path(final String url) {
        final String path = URI.create(url).getRawPath();
        return path.length() > 3 ? path.substring(0, 3) + "..." : path;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** Daemon threads named {@code name-1}, {@code name-2}, ...: they never keep the JVM alive. */
    static ThreadFactory daemon(final String name) {
        final AtomicInteger count = new AtomicInteger();
        return runnable -> {
            final Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
