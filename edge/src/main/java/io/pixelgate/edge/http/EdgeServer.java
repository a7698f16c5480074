package io.pixelgate.edge.http;

import io.pixelgate.edge.EdgeMetrics;
import io.pixelgate.edge.EdgeSettings;
import io.pixelgate.edge.kafka.KafkaHealth;
import io.pixelgate.edge.kafka.RecordPublisher;
import io.pixelgate.edge.net.ClientAddressResolver;
import io.pixelgate.edge.net.NetworkClassifier;
import io.pixelgate.edge.prefs.CsrfGuard;
import io.pixelgate.edge.prefs.RecentChoices;
import io.pixelgate.edge.prefs.WordingCatalog;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.TopicProvisioner;
import io.pixelgate.platform.ops.AppHealth;
import io.pixelgate.platform.proof.LedgerReader;
import io.pixelgate.platform.proof.Receipts;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.Topics;
import io.pixelgate.tokens.TokenCodec;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running edge: Kafka health checks, the record publisher and the HTTP servers, one per event
 * loop. Starts in that order and stops in the reverse one, so that every hit answered before the
 * stop is still handed to Kafka.
 */
public final class EdgeServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeServer.class);
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);
    /** The {@code application} tag of the edge's meters and its name in health answers. */
    private static final String APPLICATION = "edge";

    private final Vertx vertx;
    private final RecordPublisher publisher;
    private final KafkaHealth health;
    private final EdgeMetrics metrics;
    private final ConnectionBudget connections;
    private final RecentChoices choices;
    private final ReceiptHandlers receipts;
    private final ScheduledExecutorService scheduler;
    private final AutoCloseable producerMetrics;
    private final int port;
    private volatile boolean stopped;

    private EdgeServer(final Vertx vertx, final RecordPublisher publisher, final KafkaHealth health,
                       final EdgeMetrics metrics, final ConnectionBudget connections, final RecentChoices choices,
                       final ReceiptHandlers receipts, final ScheduledExecutorService scheduler, final AutoCloseable producerMetrics, final int port) {
        this.vertx = vertx;
        this.publisher = publisher;
        this.health = health;
        this.metrics = metrics;
        this.connections = connections;
        this.choices = choices;
        this.receipts = receipts;
        this.scheduler = scheduler;
        this.producerMetrics = producerMetrics;
        this.port = port;
    }

    /**
     * Creates the edge's topics where missing, registers their schemas, and listens.
     *
     * @throws IllegalStateException naming what failed (Kafka, the registry, the port)
     */
    public static EdgeServer start(final EdgeSettings settings, final PixelgateRuntime runtime, final Duration timeout) {
        final Topics topics = runtime.topics();
        final List<Topic<?>> written = List.of(topics.openHits(), topics.clickHits(), topics.consentChanges());
        final WordingCatalog wordings = WordingCatalog.load(settings.wordingDir(), settings.wordingName(),
                settings.wordingLanguages());
        final String bootstrap = CommonSettings.BOOTSTRAP_SERVERS.from(runtime.config());
        final EdgeMetrics metrics = new EdgeMetrics(runtime.meters());
        final KafkaHealth health = KafkaHealth.start(bootstrap);
        final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "edge-preferences-later");
            thread.setDaemon(true);
            return thread;
        });
        RecordPublisher publisher = null;
        Vertx vertx = null;
        ReceiptHandlers receipts = null;
        try {
            TopicProvisioner.ensure(runtime, written);
            runtime.registerSchemas(written);
            publisher = RecordPublisher.start(bootstrap, settings.lanes(), settings.producerOverrides(), metrics);
            metrics.bindGauges(publisher, health::reachable);
            final RecentChoices choices = recentChoices(settings, topics, publisher, scheduler);
            receipts = receipts(settings, runtime, wordings, metrics);
            final Function<Vertx, Handler<HttpServerRequest>> routes = routes(settings, topics, wordings, publisher,
                    metrics, health, choices, receipts);
            vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(settings.httpInstances()));
            final ConnectionBudget budget = new ConnectionBudget(settings.http().maxConnections());
            metrics.bindConnections(budget::open);
            final int port = listen(vertx, routes, settings, budget, metrics, timeout);
            LOG.info("edge listening on {}:{} ({} event loops), public URL {}", settings.host(), port,
                    settings.httpInstances(), settings.publicUrl());
            return new EdgeServer(vertx, publisher, health, metrics, budget, choices, receipts, scheduler,
                    publisher.bindMetrics(runtime.meters(), APPLICATION), port);
        } catch (final RuntimeException e) {
            if (vertx != null) {
                await(vertx.close(), FLUSH_TIMEOUT);
            }
            scheduler.shutdownNow();
            if (receipts != null) {
                receipts.close();
            }
            if (publisher != null) {
                publisher.close(Duration.ZERO);
            }
            health.close();
            throw e;
        }
    }

    private static Function<Vertx, Handler<HttpServerRequest>> routes(final EdgeSettings settings, final Topics topics,
                                                                       final WordingCatalog wordings,
                                                                       final RecordPublisher publisher,
                                                                       final EdgeMetrics metrics, final KafkaHealth health,
                                                                       final RecentChoices choices,
                                                                       final ReceiptHandlers receipts) {
        final ClientFactsReader clients = new ClientFactsReader(
                new ClientAddressResolver(settings.trustedProxies()), new NetworkClassifier(settings.networks()));
        final TokenCodec codec = new TokenCodec(settings.tokenKeys());
        final TrackingHandlers tracking = new TrackingHandlers(codec, topics, publisher, metrics, clients);
        final PreferencesHandlers preferences = new PreferencesHandlers(codec, wordings,
                new CsrfGuard(settings.tokenKeys()), topics, publisher, metrics, clients, settings.publicUrl(),
                choices, Clock.systemUTC());
        final OpsHandlers ops = new OpsHandlers(health, publisher, metrics);
        return vertx -> EdgeRouter.build(vertx, tracking, preferences, receipts, ops);
    }

    /**
     * The receipt page's handlers: a ledger reader of the edge's own, and a rate limit per profile
     * as the decision POSTs have, in a bucket of its own.
     */
    private static ReceiptHandlers receipts(final EdgeSettings settings, final PixelgateRuntime runtime,
                                            final WordingCatalog wordings, final EdgeMetrics metrics) {
        // Only its rate is used: it is never given a withdrawal, so it never has one to record later.
        final RecentChoices rate = new RecentChoices(settings.forms(), (delay, task) -> { }, change -> { });
        return new ReceiptHandlers(new TokenCodec(settings.tokenKeys()), wordings, metrics,
                LedgerReader.connect(runtime.config(), runtime.topics(), "pixelgate-edge-receipts"),
                Receipts.configured(runtime.config(), settings.wordingDir().stream().toList()), rate, Clock.systemUTC());
    }

    /** Coalesced withdrawals are recorded by the scheduler's thread when their window closes. */
    private static RecentChoices recentChoices(final EdgeSettings settings, final Topics topics,
                                               final RecordPublisher publisher, final ScheduledExecutorService scheduler) {
        final RecentChoices.Later later = (delay, task) -> {
            try {
                scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (final RejectedExecutionException e) {
                LOG.warn("the edge is stopping: a withdrawal waiting for room in the buffer is not tried again");
            }
        };
        return new RecentChoices(settings.forms(), later,
                change -> PreferencesHandlers.recordLate(publisher, topics, later, change));
    }

    /** The port listened on (the one picked when {@code edge.port} is 0). */
    public int port() {
        return port;
    }

    public EdgeMetrics metrics() {
        return metrics;
    }

    /** HTTP connections open now. */
    public int openConnections() {
        return connections.open();
    }

    /** Records accepted and not yet acknowledged by Kafka. */
    public int buffered() {
        return publisher.buffered();
    }

    /**
     * Alive until stopped; ready when the last check reached Kafka (hits are buffered meanwhile,
     * so an edge that is not ready still answers every pixel).
     */
    public AppHealth health() {
        final boolean reachable = health.reachable();
        return new AppHealth(APPLICATION, stopped ? "STOPPED" : reachable ? "SERVING" : "KAFKA_UNREACHABLE",
                !stopped, !stopped && reachable);
    }

    /**
     * Stops listening, records the withdrawals still waiting for their window, then waits (up to
     * 10 s) for Kafka to acknowledge what is buffered.
     */
    @Override
    public void close() {
        stopped = true;
        try {
            await(vertx.close(), FLUSH_TIMEOUT);
        } catch (final RuntimeException e) {
            LOG.warn("the HTTP servers did not stop cleanly: {}", e.toString());
        }
        choices.close();
        receipts.close();
        scheduler.shutdownNow();
        publisher.close(FLUSH_TIMEOUT);
        try {
            producerMetrics.close();
        } catch (final Exception e) {
            LOG.debug("could not unbind the producers' meters: {}", e.toString());
        }
        health.close();
        LOG.info("edge on port {} stopped", port);
    }

    /**
     * One server per event loop on the same host and port: Vert.x shares one socket among them.
     * Port 0 is asked for as -1, which Vert.x reads as "one random port shared by every server
     * asking for -1" (port 0 would give each server a port of its own).
     */
    private static int listen(final Vertx vertx, final Function<Vertx, Handler<HttpServerRequest>> routes,
                              final EdgeSettings settings, final ConnectionBudget budget, final EdgeMetrics metrics,
                              final Duration timeout) {
        final int port = settings.port() == 0 ? -1 : settings.port();
        final List<HttpVerticle> servers = new CopyOnWriteArrayList<>();
        try {
            await(vertx.deployVerticle(() -> {
                final HttpVerticle server = new HttpVerticle(routes, settings.host(), port, settings.http(), budget,
                        metrics);
                servers.add(server);
                return server;
            }, new DeploymentOptions().setInstances(settings.httpInstances())), timeout);
        } catch (final RuntimeException e) {
            throw new IllegalStateException("the edge cannot listen on " + settings.host() + ":" + settings.port()
                    + " (is the port in use? set " + EdgeSettings.PORT.key() + " or " + EdgeSettings.HOST.key() + "): "
                    + rootMessage(e), e);
        }
        return servers.get(0).actualPort();
    }

    private static <T> T await(final Future<T> future, final Duration timeout) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (final ExecutionException e) {
            throw new IllegalStateException(rootMessage(e), e.getCause());
        } catch (final TimeoutException e) {
            throw new IllegalStateException("no answer within " + timeout, e);
        }
    }

    private static String rootMessage(final Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
