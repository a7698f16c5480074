package io.pixelgate.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pixelgate.devcluster.EmbeddedKafka;
import io.pixelgate.events.ConsentState;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Purpose;
import io.pixelgate.events.PurposeConsent;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.schemas.Topics;
import io.pixelgate.testkit.TestClients;
import io.pixelgate.testkit.TestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code pixelgate consume} against the test cluster's broker and registry, as a user types it. */
class ConsumeCommandTest {

    private final TestCluster cluster = TestCluster.shared();
    private final PixelgateRuntime runtime = cluster.newRuntime(Map.of());
    private final Topics topics = runtime.topics();
    private final String prefix = CommonSettings.TOPIC_PREFIX.from(runtime.config());
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void printsAvroRecordsAsJsonLinesWithTombstonesAsNullAndStopsAfterMax() throws Exception {
        // given a consent state in Avro and a tombstone after it
        final Instant since = Instant.parse("2026-11-22T10:00:00Z");
        final ConsentState state = ConsentState.newBuilder().setProfileId("p-42")
                .setPurposes(List.of(PurposeConsent.newBuilder().setPurpose(Purpose.OPEN_MEASUREMENT)
                        .setStatus(ConsentStatus.GRANTED).setSince(since).setEventId("crm-1")
                        .setWordingVersion("tracking-v3").setExpiresAt(null).build()))
                .setUpdatedAt(since.plusSeconds(1)).build();
        try (TestClients clients = cluster.clients()) {
            clients.sendAvro(topics.consentState(), "p-42", state);
            clients.sendRaw(topics.consentState(), "p-42", null);
            clients.sendAvro(topics.consentState(), "p-43", state);
        }

        // when the topic is read from the beginning, named without its prefix, two records at most
        final CommandRun run = run("consume", "consent-state", "--from-beginning", "--max", "2");

        // then each record is one JSON line, its value decoded field by field
        assertThat(run.exitCode()).as(run.err()).isZero();
        final List<JsonNode> lines = lines(run.out());
        assertThat(lines).hasSize(2);
        final JsonNode first = lines.get(0);
        assertThat(first.get("topic").asText()).isEqualTo(topics.consentState().name());
        assertThat(first.get("key").asText()).isEqualTo("p-42");
        assertThat(first.has("partition") && first.has("offset") && first.has("timestamp")).isTrue();
        final JsonNode purpose = first.get("value").get("purposes").get(0);
        assertThat(first.get("value").get("profileId").asText()).isEqualTo(state.getProfileId());
        assertThat(purpose.get("purpose").asText()).isEqualTo(Purpose.OPEN_MEASUREMENT.name());
        assertThat(purpose.get("since").asText()).isEqualTo(since.toString());
        assertThat(purpose.get("wordingVersion").asText()).isEqualTo("tracking-v3");
        assertThat(purpose.get("expiresAt").isNull()).isTrue();
        assertThat(lines.get(1).get("value").isNull()).as("a tombstone").isTrue();
    }

    @Test
    void showsJsonInputAsWrittenAndUnreadableValuesWithTheReasonThenStopsAtTheEnd() throws Exception {
        try (TestClients clients = cluster.clients()) {
            clients.sendJson(topics.consentChanges(), "p-1", "{\"eventId\":\"crm-9\",\"profileId\":\"p-1\","
                    + "\"purposes\":[\"OPEN_MEASUREMENT\"],\"status\":\"WITHDRAWN\",\"occurredAt\":\"2026-11-22T10:00:00Z\","
                    + "\"source\":\"crm\"}");
            clients.sendRaw(topics.consentChanges(), "p-2", "not json".getBytes(StandardCharsets.UTF_8));
        }

        final CommandRun run = run("consume", topics.consentChanges().name(), "--from-beginning", "--exit-at-end");

        assertThat(run.exitCode()).as(run.err()).isZero();
        final List<JsonNode> lines = lines(run.out());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("value").get("eventId").asText()).isEqualTo("crm-9");
        assertThat(lines.get(0).get("value").get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(lines.get(1).get("value").asText()).isEqualTo("not json");
        assertThat(lines.get(1).get("error").asText()).contains("neither Confluent-framed Avro");
    }

    @Test
    void anUnknownTopicIsAnErrorListingTheTopicsThereAre() {
        final CommandRun run = run("consume", "no-such-topic", "--exit-at-end");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("unknown topic 'no-such-topic'").contains(topics.trackedSends().name());
    }

    @Test
    void anUnreachableRegistryIsAnErrorNamingItsUrlAndTheSetting() {
        final String nowhere = "http://localhost:" + EmbeddedKafka.freePort();

        final CommandRun run = runAgainst(nowhere, "consume", "tracked-sends", "--exit-at-end");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains(nowhere).contains("unreachable").contains("schema.registry.url");
    }

    @Test
    void helpNamesEveryOption() {
        final CommandRun run = run("consume", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("TOPIC").contains("--from-beginning").contains("--max").contains("--exit-at-end")
                .contains("read_committed");
    }

    private CommandRun run(final String... args) {
        return runAgainst(cluster.registryUrl(), args);
    }

    private CommandRun runAgainst(final String registry, final String... args) {
        final List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-servers", cluster.bootstrapServers(), "--schema-registry", registry,
                "-s", CommonSettings.TOPIC_PREFIX.key() + "=" + prefix));
        if (all.contains("--help")) {
            all.subList(all.indexOf("--help") + 1, all.size()).clear();
        }
        return CommandRun.of(all);
    }

    private List<JsonNode> lines(final String out) throws Exception {
        final List<JsonNode> lines = new ArrayList<>();
        for (final String line : out.split("\n")) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        return lines;
    }
}
