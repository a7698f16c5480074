package io.pixelgate.launcher;

import io.pixelgate.devcluster.EmbeddedKafka;
import io.pixelgate.events.TrackedSend;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.schemas.Topics;
import io.pixelgate.system.Applications;
import io.pixelgate.testkit.TestClients;
import io.pixelgate.testkit.TestCluster;
import io.pixelgate.tokens.TokenKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one operations endpoint of a process running every application, as {@code dev} runs them, on
 * the embedded broker and registry: health of each application, and the Prometheus text of the
 * Kafka Streams, client, JVM and Pixelgate meters, whose counters follow the traffic sent.
 */
class OperationsEndpointTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern OPS_URL = Pattern.compile("ops=(http://localhost:\\d+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void oneEndpointServesTheHealthAndTheMetersOfEveryApplication() throws Exception {
        final TestCluster cluster = TestCluster.shared();
        final int edgePort = EmbeddedKafka.freePort();
        final PixelgateRuntime runtime = cluster.newRuntime(Map.of(
                CommonSettings.TOKEN_KEYS.key(), TokenKeys.generate("ops").toConfigString(),
                "edge.port", Integer.toString(edgePort),
                "edge.public.url", "http://localhost:" + edgePort));
        final Topics topics = runtime.topics();
        final Instant now = Instant.now();
        try (Applications apps = Applications.start(Applications.available(), runtime, WAIT);
             TestClients clients = cluster.clients()) {
            // given the READY line's endpoints, which name the operations endpoint
            final Matcher ops = OPS_URL.matcher(apps.endpoints());
            assertThat(ops.find()).as("ops= in %s", apps.endpoints()).isTrue();
            final String base = ops.group(1);

            // then it is live and ready, naming the four applications
            final HttpResponse<String> ready = get(base + "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"status\":\"UP\"")
                    .contains("{\"name\":\"consent-events\",\"state\":\"RUNNING\",\"live\":true,\"ready\":true}")
                    .contains("\"name\":\"send-enricher\"").contains("\"name\":\"open-aggregator\"")
                    .contains("{\"name\":\"edge\",\"state\":\"SERVING\",\"live\":true,\"ready\":true}");
            assertThat(get(base + "/health/live").statusCode()).isEqualTo(200);

            // when a CRM sends a grant and a line that is not JSON, and a send service a send
            clients.sendJson(topics.consentChanges(), "ana", "{\"eventId\":\"crm-1\",\"profileId\":\"ana\","
                    + "\"purposes\":[\"OPEN_MEASUREMENT\"],\"status\":\"GRANTED\",\"occurredAt\":\""
                    + now.minus(Duration.ofHours(2)) + "\",\"source\":\"crm\",\"wordingVersion\":\"tracking-v3\"}");
            clients.sendRaw(topics.consentChanges(), "bad", "not json".getBytes(StandardCharsets.UTF_8));
            cluster.reader(topics.consentState()).readUntil(read -> !read.isEmpty(), WAIT);
            clients.sendJson(topics.sendRequests(), "m-1", "{\"messageId\":\"m-1\",\"profileId\":\"ana\","
                    + "\"campaignId\":\"spring\",\"category\":\"MARKETING\",\"requestedAt\":\""
                    + now.minus(Duration.ofHours(1)) + "\"}");
            final TrackedSend tracked = cluster.reader(topics.trackedSends()).readUntil(read -> !read.isEmpty(), WAIT)
                    .get(0).value();
            // and a mail client loads its pixel
            assertThat(get(tracked.getPixelUrl()).statusCode()).isEqualTo(200);

            // then the counters say so, each tagged by its application
            final String metrics = awaitMetrics(base, text -> text.contains("pixelgate_hits_total{application=\"open-aggregator\""));
            assertThat(metrics)
                    .contains("pixelgate_consent_changes_total{application=\"consent-events\",effect=\"APPLIED\"} 1.0")
                    .contains("pixelgate_records_rejected_total{application=\"consent-events\",reason=\"undecodable\","
                            + "source_topic=\"" + topics.consentChanges().name() + "\"} 1.0")
                    .contains("pixelgate_decisions_total{application=\"send-enricher\",mode=\"PERSONAL\","
                            + "reason=\"CONSENT_GRANTED\"} 1.0")
                    .contains("pixelgate_edge_requests_total{endpoint=\"pixel\"} 1.0")
                    .contains("pixelgate_edge_records_buffered")
                    // Kafka Streams' own meters of each Streams application, and the edge producer's
                    .containsPattern("kafka_stream_thread_\\w+\\{application=\"consent-events\"")
                    .containsPattern("kafka_stream_thread_\\w+\\{application=\"open-aggregator\"")
                    .containsPattern("kafka_producer_\\w+\\{application=\"edge\"")
                    .contains("jvm_memory_used_bytes");
        }
    }

    private String awaitMetrics(final String base, final Predicate<String> done) throws Exception {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        String text = get(base + "/metrics").body();
        while (!done.test(text) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            text = get(base + "/metrics").body();
        }
        return text;
    }

    private HttpResponse<String> get(final String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Thunderbird/128.0").build(), HttpResponse.BodyHandlers.ofString());
    }
}
