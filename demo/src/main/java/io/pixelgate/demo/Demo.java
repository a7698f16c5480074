package io.pixelgate.demo;

import io.pixelgate.events.TrackedSend;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.schemas.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code pixelgate demo}'s simulation, on a running system: a simulated CRM and send service
 * publish to the input topics, simulated mailboxes react to the tracked sends over real HTTP
 * against the edge, and a live view shows the output topics next to the simulator's own counts.
 *
 * <pre>
 * TrafficPump ─► consent-changes, send-requests ─► [applications] ─► tracked-sends ─► Mailboxes ─► edge (HTTP)
 *                                                        └─► campaign-stats, consent-state, purge-log ─► LiveView
 * </pre>
 */
public final class Demo implements AutoCloseable {

    /** How long the outputs get to catch up with the last requests before the final frame. */
    private static final Duration SETTLE = Duration.ofSeconds(3);

    private final DemoSettings settings;
    private final DemoCounters counters = new DemoCounters();
    private final OutputState outputs = new OutputState();
    private final Population population;
    private TopicWatcher outputWatcher;
    private TopicWatcher deliveryWatcher;
    private Mailboxes mailboxes;
    private TrafficPump pump;
    private LiveView view;
    private volatile Dashboard.Phase phase = Dashboard.Phase.STARTING;
    private boolean closed;

    private Demo(final DemoSettings settings) {
        this.settings = settings;
        this.population = Population.generate(settings.profiles(), new SplittableRandom(settings.seed()));
    }

    /** Starts reading the outputs, the mailboxes, the view, then the traffic. */
    public static Demo start(final PixelgateRuntime runtime, final DemoSettings settings, final PrintStream out) {
        final Demo demo = new Demo(settings);
        try {
            demo.begin(runtime, out);
        } catch (final RuntimeException e) {
            demo.close();
            throw e;
        }
        return demo;
    }

    private void begin(final PixelgateRuntime runtime, final PrintStream out) {
        final String bootstrap = CommonSettings.BOOTSTRAP_SERVERS.from(runtime.config());
        final Topics topics = runtime.topics();
        // a run's message ids start with its own id, so mailboxes ignore earlier runs' tracked sends
        final String runId = "demo" + Long.toString(System.currentTimeMillis(), 36);
        final SplittableRandom random = new SplittableRandom(settings.seed() ^ 0x5DEECE66DL);
        final ConsentTimeline crm = new ConsentTimeline(population, settings.consentHorizon(), random.split());
        final SendPlan plan = new SendPlan(population, crm, random.split(), runId);
        outputWatcher = TopicWatcher.start(bootstrap, "demo-outputs", List.of(topics.campaignStats().name(),
                topics.consentState().name(), topics.purgeLog().name()), true,
                (topic, key, value) -> output(topics, topic, key, value));
        mailboxes = new Mailboxes(population, new Recipients(Recipients.Timing.DEMO), crm, new EdgeClient(counters),
                counters, random.split());
        final String ownMessages = runId + "-";
        deliveryWatcher = TopicWatcher.start(bootstrap, "demo-mailboxes", List.of(topics.trackedSends().name()), false,
                (topic, key, value) -> {
                    if (value != null && key != null && key.startsWith(ownMessages)) {
                        final TrackedSend send = topics.trackedSends().valueSerde().decode(value);
                        mailboxes.deliver(Records.delivery(send));
                    }
                });
        pump = new TrafficPump(KafkaClients.producer(bootstrap, "demo-pump"), topics, plan, crm, mailboxes, counters,
                random.split(), settings.rate(), settings.plannedSends(), runId, settings.edgeUrl());
        view = new LiveView(out, settings.terminal(), this::model);
        pump.start();
        phase = Dashboard.Phase.SENDING;
        view.start();
    }

    /** Keeps what the view shows of an output record; null values are tombstones. */
    private void output(final Topics topics, final String topic, final String key, final byte[] value) {
        if (topic.equals(topics.campaignStats().name())) {
            outputs.campaign(key, value == null ? null : topics.campaignStats().valueSerde().decode(value));
        } else if (topic.equals(topics.consentState().name())) {
            outputs.consent(key, value == null ? null : topics.consentState().valueSerde().decode(value));
        } else if (value != null) {
            outputs.purged(topics.purgeLog().valueSerde().decode(value));
        }
    }

    /**
     * Returns when a run with a duration is over: every send out, late opens waited for (at most
     * the drain time), the outputs settled. Without a duration it waits until interrupted.
     */
    public void awaitFinished() throws InterruptedException {
        pump.awaitDone();
        phase = Dashboard.Phase.DRAINING;
        mailboxes.awaitIdle(settings.drain());
        Thread.sleep(SETTLE.toMillis());
    }

    private Dashboard.Model model() {
        return new Dashboard.Model(settings.profiles(), settings.rate(), settings.edgeUrl(), settings.logFile(), phase,
                pump == null ? Duration.ZERO : pump.elapsed(), settings.duration(), settings.plannedSends(),
                counters.snapshot(), outputs.snapshot(Instant.now(), settings.profiles()));
    }

    /** Stops the traffic and the mailboxes, shows a last frame, stops reading. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(pump);
        closeQuietly(deliveryWatcher);
        closeQuietly(mailboxes);
        phase = Dashboard.Phase.STOPPED;
        closeQuietly(view);
        closeQuietly(outputWatcher);
    }

    private static void closeQuietly(final AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (final Exception e) {
            System.err.println("demo: " + resource.getClass().getSimpleName() + " did not stop cleanly: " + e);
        }
    }
}
