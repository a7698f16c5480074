package io.pixelgate.bench.edge;

import io.pixelgate.devcluster.EmbeddedKafka;
import io.pixelgate.edge.EdgeMetrics.Endpoint;
import io.pixelgate.edge.EdgeSettings;
import io.pixelgate.edge.http.EdgeServer;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.bench.BenchEnvironment;
import io.pixelgate.bench.BenchResult;
import io.pixelgate.bench.Benchmark;
import io.pixelgate.tokens.CampaignIdentity;
import io.pixelgate.tokens.IdentifiedMode;
import io.pixelgate.tokens.MessageIdentity;
import io.pixelgate.tokens.PersonalPixel;
import io.pixelgate.tokens.TokenCodec;
import io.pixelgate.tokens.TokenKeys;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pixel endpoint against nginx serving the same GIF as a static file, with wrk, in one run on
 * one machine: same threads, connections and duration, the edge writing every hit to the real
 * broker. Then the hits in Kafka are counted against the requests the edge answered.
 *
 * <p>Options ({@code --option key=value}): {@code threads} (2), {@code connections} (50),
 * {@code duration} in seconds (15), {@code warmup} in seconds per warm-up round (10).
 */
public final class EdgeBench implements Benchmark {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeBench.class);
    private static final long SETTLED_COMPILE_MS = 200;
    private static final int MAX_WARMUP_ROUNDS = 8;
    private static final String TARGET = ">= 60% of nginx, p99 < 10 ms, hits in Kafka = answered";

    @Override
    public String name() {
        return "edge";
    }

    @Override
    public String description() {
        return "pixel endpoint vs nginx serving the same GIF (wrk), and hits in Kafka vs answered requests";
    }

    @Override
    public void checkPrerequisites() {
        Tools.require("wrk", "wrk");
        Tools.require("nginx", "nginx");
    }

    @Override
    public List<BenchResult> run(final BenchEnvironment environment) throws Exception {
        final Path wrk = Tools.require("wrk", "wrk");
        final Path nginxExecutable = Tools.require("nginx", "nginx");
        final Options options = Options.from(environment.options());
        final TokenKeys keys = TokenKeys.generate("bench");
        final PixelgateRuntime runtime = environment.newRuntime(Map.of(
                CommonSettings.TOKEN_KEYS.key(), keys.toConfigString(),
                EdgeSettings.PORT.key(), "0",
                EdgeSettings.HOST.key(), "127.0.0.1"));
        final String token = new TokenCodec(keys).issue(new PersonalPixel(new MessageIdentity("m-bench", "p-bench",
                new CampaignIdentity("bench", null, "default"), IdentifiedMode.PERSONAL, System.currentTimeMillis())));
        final String path = "/o/" + token + ".gif";
        try (EdgeServer edge = EdgeServer.start(EdgeSettings.from(runtime.config()), runtime, Duration.ofSeconds(60))) {
            final String edgeUrl = "http://127.0.0.1:" + edge.port() + path;
            final Path root = environment.newDirectory("edge-bench-www");
            Files.createDirectories(root.resolve("o"));
            // the very bytes the edge serves, so both serve the same image
            Files.write(root.resolve("o").resolve(token + ".gif"), get(edgeUrl));

            environment.progress("edge warm-up", 0, 4);
            warmUp(wrk, options, edgeUrl);
            awaitFlushed(edge);
            final Measurement nginx = measureNginx(wrk, nginxExecutable, options, environment, root, path);
            environment.progress("edge", 3, 4);
            final Duration edgeCpuBefore = processCpu();
            final WrkResult measured = wrk(wrk, options, options.durationSeconds(), edgeUrl);
            final Measurement edgeRun = new Measurement(measured, processCpu().minus(edgeCpuBefore));
            awaitFlushed(edge);
            final long inKafka = countRecords(runtime, runtime.topics().openHits().name());
            environment.progress("done", 4, 4);

            final String note = note(options, nginx, edgeRun, edge, inKafka);
            LOG.info("edge bench: {}", note);
            return List.of(new BenchResult(name(), "edge GET /o/{token}.gif", measured.requestsPerSecond(),
                    "nginx, same GIF as a static file", nginx.wrk().requestsPerSecond(), TARGET, measured.p50Ms(),
                    measured.p99Ms(), environment.peakRssBytes(), note));
        }
    }

    /** nginx serving the GIF from {@code root} at {@code path}, warmed up briefly, then measured. */
    private static Measurement measureNginx(final Path wrk, final Path executable, final Options options,
                                            final BenchEnvironment environment, final Path root, final String path) {
        try (Nginx server = Nginx.start(executable, environment.newDirectory("edge-bench-nginx"), root, EmbeddedKafka.freePort())) {
            final String url = "http://127.0.0.1:" + server.port() + path;
            environment.progress("nginx warm-up", 1, 4);
            wrk(wrk, options, Math.max(1, options.warmupSeconds() / 2), url);
            environment.progress("nginx", 2, 4);
            final Duration cpuBefore = server.cpuTime();
            final WrkResult result = wrk(wrk, options, options.durationSeconds(), url);
            return new Measurement(result, server.cpuTime().minus(cpuBefore));
        }
    }

    private static String note(final Options options, final Measurement nginx, final Measurement edgeRun,
                               final EdgeServer edge, final long inKafka) {
        return String.format(Locale.ROOT,
                "wrk -t%d -c%d -d%ds --latency, same machine; nginx %.0f req/s p99 %.2f ms; CPU per request: "
                        + "edge %.1f us (its JVM, embedded broker included), nginx %.1f us; edge answered %d pixel "
                        + "requests (warm-up included), %d hits in Kafka, %d dropped; wrk: edge non-2xx %d, "
                        + "socket errors %d",
                options.threads(), options.connections(), options.durationSeconds(), nginx.wrk().requestsPerSecond(),
                nginx.wrk().p99Ms(), edgeRun.cpuMicrosPerRequest(), nginx.cpuMicrosPerRequest(),
                edge.metrics().answeredCount(Endpoint.PIXEL), inKafka, edge.metrics().droppedTotal(),
                edgeRun.wrk().non2xx(), edgeRun.wrk().socketErrors());
    }

    /**
     * Loads the edge until the JIT has compiled what it serves with: rounds of {@code warmup}
     * seconds until one costs the compiler less than {@value #SETTLED_COMPILE_MS} ms, at most
     * {@value #MAX_WARMUP_ROUNDS} rounds. On a busy machine the compiler gets little CPU, and a
     * measurement taken while it still works measures it, not the edge. nginx needs no warm-up.
     */
    private static void warmUp(final Path wrk, final Options options, final String url) {
        final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        for (int round = 1; round <= MAX_WARMUP_ROUNDS; round++) {
            final long before = compiler.getTotalCompilationTime();
            wrk(wrk, options, options.warmupSeconds(), url);
            final long spent = compiler.getTotalCompilationTime() - before;
            LOG.info("edge warm-up round {}: {} ms of JIT compilation", round, spent);
            if (spent < SETTLED_COMPILE_MS) {
                return;
            }
        }
    }

    /** CPU time of this JVM: the edge, and the broker when the bench environment runs one in it. */
    private static Duration processCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static WrkResult wrk(final Path wrk, final Options options, final int seconds, final String url) {
        final String output = Tools.run(List.of(wrk.toString(), "-t" + options.threads(), "-c" + options.connections(),
                "-d" + seconds + "s", "--latency", url), seconds + 60L);
        LOG.debug("wrk {}:\n{}", url, output);
        return WrkResult.parse(output);
    }

    /** Waits until Kafka has acknowledged every hit the edge answered. */
    private static void awaitFlushed(final EdgeServer edge) throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (edge.buffered() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(edge.buffered() + " hits still not acknowledged by Kafka after 120 s");
            }
            Thread.sleep(50);
        }
    }

    /** Records in {@code topic}: the sum of its partitions' end offsets (a fresh topic, no transactions). */
    private static long countRecords(final PixelgateRuntime runtime, final String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                CommonSettings.BOOTSTRAP_SERVERS.from(runtime.config())))) {
            final Set<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get()
                    .get(topic).partitions().stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .collect(Collectors.toSet());
            final Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get();
            return ends.values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
        }
    }

    private static byte[] get(final String url) throws IOException, InterruptedException {
        final HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the edge answered " + response.statusCode() + " for its own pixel");
        }
        return response.body();
    }

    /** One wrk run and the CPU time the server spent during it. */
    record Measurement(WrkResult wrk, Duration cpu) {

        double cpuMicrosPerRequest() {
            return wrk.requests() == 0 ? 0 : cpu.toNanos() / 1_000.0 / wrk.requests();
        }
    }

    /** The run's shape, from {@code --option key=value}. */
    record Options(int threads, int connections, int durationSeconds, int warmupSeconds) {

        static Options from(final Map<String, String> options) {
            return new Options(positive(options, "threads", 2), positive(options, "connections", 50),
                    positive(options, "duration", 15), positive(options, "warmup", 10));
        }

        private static int positive(final Map<String, String> options, final String key, final int fallback) {
            final String value = options.get(key);
            if (value == null) {
                return fallback;
            }
            try {
                final int parsed = Integer.parseInt(value.trim());
                if (parsed > 0) {
                    return parsed;
                }
            } catch (final NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("bench option " + key + " must be a positive whole number, got '"
                    + value + "'");
        }
    }
}
