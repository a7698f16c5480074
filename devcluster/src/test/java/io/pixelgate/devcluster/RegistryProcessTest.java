package io.pixelgate.devcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Needs the registry jar: the registry module is built before this one. */
class RegistryProcessTest {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String SUBJECT = "probe-value";
    private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"io.pixelgate.test\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path logDir;

    @Test
    void registersAnAvroSchemaAndReadsItBackByIdAndAsLatest() throws Exception {
        final String base;
        try (RegistryProcess registry = RegistryProcess.start(null, 0, logDir)) {
            base = registry.baseUrl();
            assertThat(base).matches("http://localhost:\\d+/apis/ccompat/v7");

            final HttpResponse<String> registered = post(base + "/subjects/" + SUBJECT + "/versions",
                    "{\"schema\":" + jsonString(SCHEMA) + "}");
            assertThat(registered.statusCode()).isEqualTo(200);
            final int id = idOf(registered.body());

            final HttpResponse<String> byId = get(base + "/schemas/ids/" + id);
            assertThat(byId.statusCode()).isEqualTo(200);
            assertThat(byId.body()).contains("\"schema\":" + jsonString(SCHEMA));

            final HttpResponse<String> latest = get(base + "/subjects/" + SUBJECT + "/versions/latest");
            assertThat(latest.statusCode()).isEqualTo(200);
            assertThat(idOf(latest.body())).isEqualTo(id);
            assertThat(latest.body()).contains("\"subject\":\"" + SUBJECT + "\"", "\"version\":1",
                    "\"schema\":" + jsonString(SCHEMA));
            assertThat(registry.logFile()).exists();
        }
        assertThatThrownBy(() -> get(base + "/subjects")).isInstanceOf(IOException.class);
    }

    @Test
    void servesTheConfluentApiAtTheRootAsConfluentsRegistryDoes() throws Exception {
        try (RegistryProcess registry = RegistryProcess.start(null, 0, logDir)) {
            // given a schema registered through the ccompat path
            final String ccompat = registry.baseUrl();
            final String root = ccompat.substring(0, ccompat.indexOf("/apis/"));
            final int id = idOf(post(ccompat + "/subjects/" + SUBJECT + "/versions",
                    "{\"schema\":" + jsonString(SCHEMA) + "}").body());

            // then the root paths a Confluent client or health check uses answer the same
            final HttpResponse<String> subjects = get(root + "/subjects");
            assertThat(subjects.statusCode()).isEqualTo(200);
            assertThat(subjects.body()).isEqualTo(get(ccompat + "/subjects").body()).contains(SUBJECT);
            final HttpResponse<String> byId = get(root + "/schemas/ids/" + id);
            assertThat(byId.statusCode()).isEqualTo(200);
            assertThat(byId.body()).contains("\"schema\":" + jsonString(SCHEMA));
            final HttpResponse<String> latest = get(root + "/subjects/" + SUBJECT + "/versions/latest?deleted=false");
            assertThat(idOf(latest.body())).isEqualTo(id);
            // and registering at the root lands in the same registry
            final HttpResponse<String> again = post(root + "/subjects/" + SUBJECT + "/versions",
                    "{\"schema\":" + jsonString(SCHEMA) + "}");
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(idOf(again.body())).isEqualTo(id);
            // while Apicurio's own API keeps its place
            final HttpRequest info = HttpRequest.newBuilder(URI.create(root + "/apis/registry/v2/system/info")).build();
            assertThat(http.send(info, HttpResponse.BodyHandlers.ofString()).body()).contains("\"name\"");
        }
    }

    @Test
    void aMissingJarSaysHowToBuildIt() {
        assertThatThrownBy(() -> RegistryProcess.start(logDir.resolve("nope.jar"), 0, logDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nope.jar")
                .hasMessageContaining("./mvnw -pl registry package");
    }

    private HttpResponse<String> post(final String url, final String body) throws IOException, InterruptedException {
        final HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(final String url) throws IOException, InterruptedException {
        final HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", CONTENT_TYPE).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int idOf(final String body) {
        final Matcher matcher = ID.matcher(body);
        assertThat(matcher.find()).as("an id in %s", body).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    /** The schema as a JSON string literal; it holds only quotes that need escaping. */
    private static String jsonString(final String raw) {
        return "\"" + raw.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
