package io.pixelgate.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.devcluster.EmbeddedKafka;
import io.pixelgate.events.ConsentLedgerEntry;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.Purpose;
import io.pixelgate.schemas.Topics;
import io.pixelgate.schemas.consent.Consents;
import io.pixelgate.schemas.registry.HttpSchemaRegistryClient;
import io.pixelgate.testkit.TopicReaderSupport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pixelgate dev} as a user runs it: a separate JVM that prints READY, takes a consent change
 * from a plain Kafka client, stops cleanly on SIGTERM and keeps its data (and schema ids) across a
 * restart.
 */
class PixelgateDevTest {

    private static final Pattern READY = Pattern.compile("READY kafka=(\\S+) registry=(\\S+) .*ops=(\\S+)");
    private static final Duration WAIT = Duration.ofMinutes(3);
    /** A JVM that ran its shutdown hooks after SIGTERM exits with 128 + 15. */
    private static final int SIGTERM_EXIT = 143;

    @TempDir
    Path dataDir;

    @Test
    void devReachesReadyTakesConsentFromAnyClientStopsCleanlyAndKeepsItsDataAcrossRestart() throws Exception {
        final int kafkaPort = EmbeddedKafka.freePort();
        final Dev first = Dev.start(dataDir, kafkaPort, 1);
        assertThat(first.ready()).as("GET %s/health/ready", first.ops()).isEqualTo(200);
        produceConsent(first, "crm-1", "p-42");
        final List<ConsentState> before = TopicReaderSupport.values(first.bootstrap(), topics(first).consentState(), 1, WAIT);
        assertThat(Consents.granted(before.get(0), Purpose.OPEN_MEASUREMENT, Instant.parse("2026-11-22T12:00:00Z")))
                .isTrue();
        assertThat(first.stop()).isEqualTo(SIGTERM_EXIT);
        assertThat(Files.readString(first.stderr())).contains("pixelgate: stopped");

        final Dev second = Dev.start(dataDir, kafkaPort, 1);
        try {
            produceConsent(second, "crm-2", "p-43");
            // The record written before the restart still decodes: its schema id survived.
            final List<ConsentLedgerEntry> ledger = TopicReaderSupport.values(second.bootstrap(),
                    topics(second).consentLedger(), 2, WAIT);
            assertThat(ledger).extracting(e -> e.getChange().getEventId()).containsExactly("crm-1", "crm-2");
        } finally {
            assertThat(second.stop()).isEqualTo(SIGTERM_EXIT);
        }
    }

    @Test
    void devWithThreeBrokersReachesReadyOnReplicatedTopicsAndStopsEveryBrokerWithIt() throws Exception {
        final Dev dev = Dev.start(dataDir, EmbeddedKafka.freePort(), 3);
        final List<ProcessHandle> children;
        try {
            assertThat(dev.bootstrap().split(",")).hasSize(3);
            assertThat(dev.ready()).isEqualTo(200);
            children = dev.process().descendants().toList();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, dev.bootstrap()))) {
                final TopicDescription state = admin.describeTopics(List.of("pixelgate.consent-state")).allTopicNames()
                        .get(30, TimeUnit.SECONDS).get("pixelgate.consent-state");
                assertThat(state.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
                final ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
                assertThat(admin.describeConfigs(List.of(broker)).all().get(30, TimeUnit.SECONDS).get(broker)
                        .get("min.insync.replicas").value()).isEqualTo("2");
            }
        } finally {
            assertThat(dev.stop()).isEqualTo(SIGTERM_EXIT);
        }
        // three brokers and the registry were its children, and none outlives it
        assertThat(children).hasSizeGreaterThanOrEqualTo(4);
        assertThat(children).noneMatch(ProcessHandle::isAlive);
    }

    private static Topics topics(final Dev dev) {
        return Topics.create("pixelgate.", Duration.ofDays(3).toMillis(), new HttpSchemaRegistryClient(dev.registry()));
    }

    private static void produceConsent(final Dev dev, final String eventId, final String profileId) throws Exception {
        final String json = "{\"eventId\":\"" + eventId + "\",\"profileId\":\"" + profileId + "\","
                + "\"purposes\":[\"OPEN_MEASUREMENT\"],\"status\":\"GRANTED\",\"occurredAt\":\"2026-11-22T10:00:00Z\","
                + "\"source\":\"crm\",\"method\":\"SIGNUP_CHECKBOX\",\"wordingVersion\":\"tracking-v3\"}";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", dev.bootstrap()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("pixelgate.consent-changes", profileId, json)).get(30, TimeUnit.SECONDS);
        }
    }

    /** A {@code pixelgate dev} child JVM. */
    private record Dev(Process process, String bootstrap, String registry, String ops, Path stderr) {

        static Dev start(final Path dataDir, final int kafkaPort, final int brokers) throws IOException {
            final Path stderr = Files.createTempFile(dataDir.getParent(), "dev-", ".err");
            final Process process = new ProcessBuilder(javaExecutable(), "-Xmx512m",
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "dev", "--data-dir", dataDir.toString(), "--kafka-port", Integer.toString(kafkaPort),
                    "--registry-port", "0", "--edge-port", "0", "--ops-port", "0", "--brokers", Integer.toString(brokers))
                    .redirectError(stderr.toFile())
                    .start();
            final Matcher ready = awaitReady(process, stderr);
            return new Dev(process, ready.group(1), ready.group(2), ready.group(3), stderr);
        }

        /** The status of the operations endpoint's readiness answer. */
        int ready() throws IOException, InterruptedException {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ops + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        int stop() throws InterruptedException {
            process.destroy(); // SIGTERM, as Ctrl-C or a service manager would send
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("pixelgate dev did not stop within 60 s of SIGTERM");
            }
            return process.exitValue();
        }

        private static Matcher awaitReady(final Process process, final Path stderr) {
            final CompletableFuture<Matcher> ready = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        final Matcher matcher = READY.matcher(line);
                        if (matcher.matches()) {
                            return matcher;
                        }
                    }
                    return null;
                } catch (final IOException e) {
                    return null;
                }
            });
            try {
                final Matcher matcher = ready.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                if (matcher == null) {
                    throw new AssertionError("pixelgate dev exited before READY: " + Files.readString(stderr));
                }
                return matcher;
            } catch (final Exception e) {
                process.destroyForcibly();
                throw new AssertionError("pixelgate dev did not print READY within " + WAIT, e);
            }
        }

        private static String javaExecutable() {
            return Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }
    }
}
