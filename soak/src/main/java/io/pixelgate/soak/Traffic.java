package io.pixelgate.soak;

import io.pixelgate.aggregator.campaign.CampaignKey;
import io.pixelgate.events.TrackedSend;
import io.pixelgate.demo.Delivery;
import io.pixelgate.schemas.Topic;
import io.pixelgate.schemas.Topics;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The soak's users: a CRM granting consent over Kafka, a send service sending over Kafka and reading
 * its tracked sends back (read_committed), mail clients loading the pixels and following the links
 * of those sends over HTTP, and recipients withdrawing on the preferences page. Requests go to
 * either edge, as a load balancer would send them, and to the other when one refuses the connection.
 */
final class Traffic implements AutoCloseable {

    private static final List<String> CAMPAIGNS = List.of("spring", "summer", "autumn", "winter");
    private static final String USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Thunderbird/128.0";
    private static final String HTML = "<html><body><p>Hello</p><a href=\"https://shop.example/a\">Shop</a>"
            + " <a href=\"https://shop.example/b\">More</a></body></html>";
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(15);
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final Topics topics;
    private final String bootstrap;
    private final List<String> edges;
    private final SoakSettings settings;
    private final GroundTruth truth;
    private final Random random;
    private final KafkaProducer<String, String> producer;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final ScheduledExecutorService hits = Executors.newScheduledThreadPool(6, daemon("soak-http"));
    private final AtomicBoolean sending = new AtomicBoolean(true);
    private final AtomicBoolean reading = new AtomicBoolean(true);
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final AtomicLong sendNumber = new AtomicLong();
    private final AtomicLong withdrawalBudgetAt = new AtomicLong(System.nanoTime());
    private final Thread sender = new Thread(this::send, "soak-sender");
    private final Thread reader = new Thread(this::read, "soak-tracked-reader");

    Traffic(final Topics topics, final String bootstrap, final List<String> edges, final SoakSettings settings,
            final GroundTruth truth) {
        this.topics = topics;
        this.bootstrap = bootstrap;
        this.edges = List.copyOf(edges);
        this.settings = settings;
        this.truth = truth;
        this.random = new Random(settings.seed());
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                // a broker down for a while delays a send; it never fails it
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE), new StringSerializer(), new StringSerializer());
    }

    /** The CRM's grants, acknowledged by Kafka before any send: half profiling, a quarter measurement only. */
    void grantConsents() throws InterruptedException, ExecutionException, TimeoutException {
        final Instant at = Instant.now().minus(Duration.ofHours(1));
        for (int p = 0; p < settings.profiles(); p++) {
            final String profile = "p-" + p;
            final String purposes = switch (p % 4) {
                case 0, 1 -> "[\"OPEN_MEASUREMENT\",\"ENGAGEMENT_PROFILING\"]";
                case 2 -> "[\"OPEN_MEASUREMENT\"]";
                default -> null;
            };
            if (purposes != null) {
                producer.send(new ProducerRecord<>(topics.consentChanges().name(), profile, "{\"eventId\":\"crm-" + p
                        + "\",\"profileId\":\"" + profile + "\",\"purposes\":" + purposes + ",\"status\":\"GRANTED\","
                        + "\"occurredAt\":\"" + at + "\",\"source\":\"crm\",\"method\":\"SIGNUP_CHECKBOX\","
                        + "\"wordingVersion\":\"signup-v2\"}")).get(60, TimeUnit.SECONDS);
                if (purposes.contains("ENGAGEMENT_PROFILING")) {
                    truth.profiling.add(profile);
                }
            }
        }
    }

    void start() {
        sender.start();
        reader.start();
    }

    /** Tracked sends read so far. */
    int trackedSeen() {
        return seen.size();
    }

    /** Stops sending, lets the reader see every tracked send (up to {@code timeout}), then lets every planned hit run. */
    void stop(final Duration timeout) throws InterruptedException {
        sending.set(false);
        sender.join();
        producer.flush();
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!seen.containsAll(truth.sent.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        // the last hits are planned at most a few seconds after their send is read
        Thread.sleep(6_000);
        reading.set(false);
        reader.join();
        hits.shutdown();
        hits.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        sending.set(false);
        reading.set(false);
        hits.shutdownNow();
        producer.close(Duration.ofSeconds(10));
    }

    private void send() {
        final long intervalNanos = (long) (1e9 / settings.sendRate());
        long next = System.nanoTime();
        while (sending.get()) {
            final long n = sendNumber.getAndIncrement();
            final String messageId = "s-" + n;
            final String profile = "p-" + random.nextInt(settings.profiles());
            final String campaign = CAMPAIGNS.get((int) (n % CAMPAIGNS.size()));
            final String variant = random.nextBoolean() ? "A" : "B";
            final int roll = random.nextInt(100);
            final String category = roll < 85 ? "MARKETING" : roll < 95 ? "TRANSACTIONAL" : "CONSENT_REQUEST";
            final String key = CampaignKey.of(campaign, variant);
            producer.send(new ProducerRecord<>(topics.sendRequests().name(), messageId, "{\"messageId\":\"" + messageId
                    + "\",\"profileId\":\"" + profile + "\",\"campaignId\":\"" + campaign + "\",\"variant\":\"" + variant
                    + "\",\"category\":\"" + category + "\",\"requestedAt\":\"" + Instant.now() + "\",\"html\":\""
                    + HTML.replace("\"", "\\\"") + "\"}"), (metadata, error) -> {
                        if (error == null) {
                            truth.sent.put(messageId, key);
                        }
                    });
            next += intervalNanos;
            final long wait = next - System.nanoTime();
            if (wait > 0) {
                Soak.sleep(Duration.ofNanos(wait));
            }
        }
    }

    private void read() {
        final Topic<TrackedSend> topic = topics.trackedSends();
        try (KafkaConsumer<String, byte[]> consumer = CommittedReader.fromBeginning(bootstrap, topic.name())) {
            while (reading.get()) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    final TrackedSend send = topic.valueSerde().decode(record.value());
                    if (seen.add(send.getMessageId())) {
                        plan(send);
                    }
                }
            }
        }
    }

    /** What the recipient's mail client and the recipient do with one delivered message. */
    private void plan(final TrackedSend send) {
        final String key = CampaignKey.of(send.getCampaignId(), send.getVariant());
        if (send.getPixelUrl() != null && random.nextInt(100) < 70) {
            later(millis(200, 3_000), () -> open(send.getPixelUrl(), key));
            if (random.nextInt(100) < 15) {
                later(millis(3_000, 8_000), () -> open(send.getPixelUrl(), key));
            }
        }
        final List<String> links = send.getHtml() == null ? List.of()
                : Delivery.trackedLinksIn(send.getHtml(), edges.get(0));
        if (!links.isEmpty() && random.nextInt(100) < 20) {
            final String link = links.get(random.nextInt(links.size()));
            later(millis(1_000, 5_000), () -> click(link, key));
        }
        if (send.getPreferencesUrl() != null && truth.profiling.contains(send.getProfileId())
                && !truth.withdrawn.containsKey(send.getProfileId()) && withdrawalAllowed()) {
            later(millis(1_000, 5_000), () -> withdraw(send.getPreferencesUrl(), send.getProfileId()));
        }
    }

    /** At most {@code withdrawalsPerMinute}, spread out. */
    private boolean withdrawalAllowed() {
        final long now = System.nanoTime();
        final long gap = (long) (60e9 / settings.withdrawalsPerMinute());
        final long at = withdrawalBudgetAt.get();
        return now >= at && withdrawalBudgetAt.compareAndSet(at, now + gap);
    }

    private void open(final String url, final String key) {
        final int status = request(http, url, null).status();
        if (status == 200) {
            truth.opened(key, tokenOf(url));
        } else {
            truth.unanswered("pixel " + status);
        }
    }

    private void click(final String url, final String key) {
        final int status = request(http, url, null).status();
        if (status == 302) {
            truth.clicked(key, tokenOf(url));
        } else {
            truth.unanswered("click " + status);
        }
    }

    /** The token of a pixel ({@code /o/{token}.gif}) or tracked link ({@code /c/{token}}) URL, as hits carry it. */
    static String tokenOf(final String url) {
        final String last = url.substring(url.lastIndexOf('/') + 1);
        return last.endsWith(".gif") ? last.substring(0, last.length() - ".gif".length()) : last;
    }

    /** An HTTP answer; status -1 when no edge answered. */
    private record Answer(int status, String body) {
    }

    /**
     * A person opens the page in a browser (a GET changes nothing; it sets the anti-forgery cookie
     * and field), then presses its withdraw button.
     */
    private void withdraw(final String preferencesUrl, final String profile) {
        if (truth.withdrawn.containsKey(profile)) {
            return;
        }
        final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(3)).build();
        final Instant at = Instant.now();
        final Answer page = request(browser, preferencesUrl, null);
        final Matcher csrf = CSRF.matcher(page.body());
        if (page.status() != 200 || !csrf.find()) {
            truth.unanswered("preferences page " + page.status());
            return;
        }
        final Answer withdrawal = request(browser, preferencesUrl + "/withdraw",
                "csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));
        if (withdrawal.status() == 200) {
            truth.withdrawn.putIfAbsent(profile, at);
        } else {
            truth.unanswered("withdraw " + withdrawal.status());
        }
    }

    /** A GET (or, with a body, a POST) on either edge: the other one when the first refuses. */
    private Answer request(final HttpClient client, final String url, final String postBody) {
        final int first = random.nextInt(edges.size());
        for (int attempt = 0; attempt < 2 * edges.size(); attempt++) {
            final String edge = edges.get((first + attempt) % edges.size());
            final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(edge + url.substring(edges.get(0).length())))
                    .timeout(HTTP_TIMEOUT).header("User-Agent", USER_AGENT);
            if (postBody != null) {
                request.header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(postBody));
            }
            try {
                final HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Answer(response.statusCode(), response.body());
            } catch (final IOException refused) {
                Soak.sleep(Duration.ofMillis(300)); // that edge is restarting: the balancer tries another
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(-1, "");
            }
        }
        return new Answer(-1, "");
    }

    private void later(final long delayMillis, final Runnable action) {
        hits.schedule(action, delayMillis, TimeUnit.MILLISECONDS);
    }

    private long millis(final int from, final int to) {
        return from + random.nextInt(to - from);
    }

    private static ThreadFactory daemon(final String name) {
        return runnable -> {
            final Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
