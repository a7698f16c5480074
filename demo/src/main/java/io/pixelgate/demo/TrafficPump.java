package io.pixelgate.demo;

import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.SendRequest;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated CRM and send service, on one thread: publishes the consent answers as they fall
 * due and send requests at the asked rate, paced against the clock (a late pump catches up in
 * small bursts, never all at once). The CRM's import goes out first, and sends start
 * {@link #WARM_UP} later so that the import is in the consent state the first sends are decided on.
 */
final class TrafficPump implements AutoCloseable {

    static final Duration WARM_UP = Duration.ofSeconds(3);
    /** One request with a made-up token per this many sends. */
    static final int SENDS_PER_PROBE = 400;
    /** How long a consent-request email takes to be answered, when it is. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(40);
    private static final Logger LOG = LoggerFactory.getLogger(TrafficPump.class);
    private static final long TICK_MILLIS = 20;

    private final KafkaProducer<String, byte[]> producer;
    private final Topic<ConsentChange> consentChanges;
    private final Topic<SendRequest> sendRequests;
    private final SendPlan plan;
    private final ConsentTimeline crm;
    private final Mailboxes mailboxes;
    private final DemoCounters counters;
    private final RandomGenerator random;
    private final double rate;
    private final long planned;
    private final String runId;
    private final String edgeUrl;
    private final Thread thread;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile long startNanos;
    private long crmSequence;

    /**
     * @param planned how many sends to make, or -1 for no limit
     */
    TrafficPump(final KafkaProducer<String, byte[]> producer, final Topics topics, final SendPlan plan,
                final ConsentTimeline crm, final Mailboxes mailboxes, final DemoCounters counters,
                final RandomGenerator random, final double rate, final long planned, final String runId,
                final String edgeUrl) {
        this.producer = producer;
        this.consentChanges = topics.consentChanges();
        this.sendRequests = topics.sendRequests();
        this.plan = plan;
        this.crm = crm;
        this.mailboxes = mailboxes;
        this.counters = counters;
        this.random = random;
        this.rate = rate;
        this.planned = planned;
        this.runId = runId;
        this.edgeUrl = edgeUrl;
        this.thread = new Thread(this::run, "demo-pump");
        this.thread.setDaemon(true);
    }

    void start() {
        startNanos = System.nanoTime();
        thread.start();
    }

    /** Time since {@link #start}. */
    Duration elapsed() {
        return startNanos == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Waits until every planned send went out (never, without a limit, until closed). */
    void awaitDone() throws InterruptedException {
        done.await();
    }

    private void run() {
        try {
            publishDueAnswers();
            producer.flush();
            long sent = 0;
            while (!Thread.currentThread().isInterrupted() && (planned < 0 || sent < planned)) {
                publishDueAnswers();
                final long sendingMillis = elapsed().minus(WARM_UP).toMillis();
                final long due = sendingMillis <= 0 ? 0 : (long) (rate * sendingMillis / 1000.0);
                // a pump that fell behind (a GC pause, a slow broker) catches up over a few ticks
                final long burst = Math.max(1, (long) (rate * 5 * TICK_MILLIS / 1000.0));
                final long target = Math.min(planned < 0 ? Long.MAX_VALUE : planned, Math.min(due, sent + burst));
                while (sent < target) {
                    send(plan.next());
                    sent++;
                    if (sent % SENDS_PER_PROBE == 0) {
                        mailboxes.probe(edgeUrl, random);
                    }
                }
                Thread.sleep(TICK_MILLIS);
            }
            producer.flush();
        } catch (final InterruptedException | InterruptException e) {
            Thread.currentThread().interrupt(); // closing
        } catch (final RuntimeException e) {
            LOG.error("the simulated send service stopped: {}", e.toString(), e);
            counters.error("simulator stopped: " + e);
        } finally {
            done.countDown();
        }
    }

    private void publishDueAnswers() {
        for (final CrmEvent event : crm.due(elapsed().toMillis())) {
            final ConsentChange change = Records.consentChange(event, runId + "-crm" + crmSequence++, Instant.now());
            producer.send(new ProducerRecord<>(consentChanges.name(), change.getProfileId(),
                    consentChanges.valueSerde().encode(consentChanges.name(), change)), (metadata, error) -> {
                        if (error == null) {
                            counters.crmEvent(change.getStatus());
                        } else {
                            counters.error("consent change not written: " + error);
                        }
                    });
        }
    }

    private void send(final PlannedSend send) {
        final SendRequest request = Records.sendRequest(send, Instant.now());
        producer.send(new ProducerRecord<>(sendRequests.name(), request.getMessageId(),
                sendRequests.valueSerde().encode(sendRequests.name(), request)), (metadata, error) -> {
                    if (error == null) {
                        counters.sent(request.getCategory());
                    } else {
                        counters.error("send request not written: " + error);
                    }
                });
        if (send.campaign().equals(Campaigns.CONSENT_REQUEST)) {
            crm.asked(send.profile(), elapsed().toMillis(), ANSWER_WITHIN, random);
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
