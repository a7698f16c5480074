package io.pixelgate.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OpsServerTest {

    private static final OpsSettings ANY_PORT = new OpsSettings("127.0.0.1", 0);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readyOnlyWhenEveryApplicationIsAndTheBodyNamesEachWithItsState() throws Exception {
        // given two applications, one of them still rebalancing
        final AtomicReference<List<AppHealth>> apps = new AtomicReference<>(List.of(
                new AppHealth("consent-events", "RUNNING", true, true),
                new AppHealth("send-enricher", "REBALANCING", true, false)));
        try (OpsServer ops = OpsServer.start(ANY_PORT, new Meters(), apps::get)) {
            // then the process is alive but not ready, on /health too
            assertThat(get(ops, "/health/live").statusCode()).isEqualTo(200);
            final HttpResponse<String> ready = get(ops, "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"status\":\"DOWN\"")
                    .contains("{\"name\":\"send-enricher\",\"state\":\"REBALANCING\",\"live\":true,\"ready\":false}");
            assertThat(get(ops, "/health").statusCode()).isEqualTo(503);

            // when the second one is running too
            apps.set(List.of(apps.get().get(0), new AppHealth("send-enricher", "RUNNING", true, true)));

            // then it is ready
            final HttpResponse<String> nowReady = get(ops, "/health/ready");
            assertThat(nowReady.statusCode()).isEqualTo(200);
            assertThat(nowReady.body()).contains("\"status\":\"UP\"");
            assertThat(nowReady.headers().firstValue("Content-Type")).hasValue("application/json");
        }
    }

    @Test
    void aDeadApplicationMakesTheProcessNotLive() throws Exception {
        final List<AppHealth> apps = List.of(new AppHealth("open-aggregator", "ERROR", false, false),
                AppHealth.starting("edge"));
        try (OpsServer ops = OpsServer.start(ANY_PORT, new Meters(), () -> apps)) {
            final HttpResponse<String> live = get(ops, "/health/live");
            assertThat(live.statusCode()).isEqualTo(503);
            assertThat(live.body()).contains("\"state\":\"ERROR\"").contains("\"state\":\"STARTING\"");
        }
    }

    @Test
    void metricsAreThePrometheusTextOfTheMetersWithTheJvmsAndEachCounterTaggedByApplication() throws Exception {
        final Meters meters = new Meters();
        meters.counter("send-enricher", "pixelgate.decisions", "Tracking decisions", "mode", "PERSONAL").increment(3);
        try (OpsServer ops = OpsServer.start(ANY_PORT, meters, List::of)) {
            final HttpResponse<String> metrics = get(ops, "/metrics");

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            assertThat(metrics.body())
                    .contains("pixelgate_decisions_total{application=\"send-enricher\",mode=\"PERSONAL\"} 3.0")
                    .contains("jvm_memory_used_bytes")
                    .contains("process_uptime_seconds");
        }
    }

    @Test
    void otherPathsAndMethodsAreRefusedAndNoApplicationMeansNotReady() throws Exception {
        try (OpsServer ops = OpsServer.start(ANY_PORT, new Meters(), List::of)) {
            assertThat(get(ops, "/healthz").statusCode()).isEqualTo(404);
            assertThat(get(ops, "/").statusCode()).isEqualTo(404);
            assertThat(get(ops, "/health/ready").statusCode()).isEqualTo(503);
            final HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri(ops, "/health"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void aTakenPortIsAnErrorNamingTheSetting() {
        try (OpsServer first = OpsServer.start(ANY_PORT, new Meters(), List::of)) {
            assertThatThrownBy(() -> OpsServer.start(new OpsSettings("127.0.0.1", first.port()), new Meters(), List::of))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + first.port())
                    .hasMessageContaining(OpsSettings.PORT.key());
        }
    }

    private HttpResponse<String> get(final OpsServer ops, final String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(ops, path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(final OpsServer ops, final String path) {
        return URI.create("http://127.0.0.1:" + ops.port() + path);
    }
}
