package io.pixelgate.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client for the Confluent Schema Registry REST API (Confluent, Karapace, Redpanda, Apicurio's
 * {@code /apis/ccompat/v7}). The Confluent client artifacts are not on Maven Central, hence this
 * small one. Transient failures (connection refused, 5xx, 429) are retried a bounded number of times
 * with backoff; any other answer (400, 401, 403, 404, ...) is not.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    private static final Logger LOG = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final String baseUrl;
    private final int maxAttempts;
    private final Duration backoff;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();

    public HttpSchemaRegistryClient(final String baseUrl) {
        this(baseUrl, 5, Duration.ofMillis(200));
    }

    public HttpSchemaRegistryClient(final String baseUrl, final int maxAttempts, final Duration backoff) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public int register(final String subject, final Schema schema) {
        final String cacheKey = subject + '\u0000' + schema.toString();
        final Integer cached = idsBySubjectAndSchema.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        final ObjectNode body = json.createObjectNode().put("schema", schema.toString());
        final JsonNode answer = registerConflictTolerant(subject, body.toString());
        final int id = answer.path("id").asInt(-1);
        if (id < 0) {
            throw new SchemaRegistryException("registry " + baseUrl + " answered register of subject "
                    + subject + " without an id: " + answer, 200, null);
        }
        idsBySubjectAndSchema.put(cacheKey, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    /**
     * Some registries (Apicurio) answer 409 when two clients create the same subject at once; the
     * subject exists by then, so asking again returns its id.
     */
    private JsonNode registerConflictTolerant(final String subject, final String body) {
        for (int attempt = 1; ; attempt++) {
            try {
                return send("POST", "/subjects/" + encode(subject) + "/versions", body);
            } catch (final SchemaRegistryException e) {
                if (e.status() != 409 || attempt >= maxAttempts) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    @Override
    public Schema byId(final int id) {
        return schemasById.computeIfAbsent(id, missing -> {
            final JsonNode answer = send("GET", "/schemas/ids/" + missing, null);
            return new Schema.Parser().parse(answer.path("schema").asText());
        });
    }

    @Override
    public RegisteredSchema latest(final String subject) {
        final JsonNode answer = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        final int id = answer.path("id").asInt();
        final Schema schema = schemasById.computeIfAbsent(id,
                missing -> new Schema.Parser().parse(answer.path("schema").asText()));
        return new RegisteredSchema(id, schema);
    }

    @Override
    public String describe() {
        return baseUrl;
    }

    private JsonNode send(final String method, final String path, final String body) {
        final HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", CONTENT_TYPE)
                .header("Accept", CONTENT_TYPE + ", application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        SchemaRegistryException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                return answerOf(method, path, http.send(request, HttpResponse.BodyHandlers.ofString()));
            } catch (final SchemaRegistryException refused) {
                if (!refused.transientFailure()) {
                    throw refused;
                }
                last = refused;
            } catch (final IOException unreachable) {
                last = new SchemaRegistryException("schema registry at " + baseUrl
                        + " is unreachable (" + unreachable + "); check schema.registry.url", -1, unreachable);
            } catch (final InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("interrupted while calling " + baseUrl + path, -1, interrupted);
            }
            LOG.debug("registry call {} {} failed (attempt {} of {}): {}", method, path, attempt, maxAttempts,
                    last.getMessage());
            pause(attempt);
        }
        throw new SchemaRegistryException(last.getMessage() + " (gave up after " + maxAttempts + " attempts)",
                last.status(), last);
    }

    private JsonNode answerOf(final String method, final String path, final HttpResponse<String> response)
            throws IOException {
        if (response.statusCode() / 100 != 2) {
            throw new SchemaRegistryException("schema registry at " + baseUrl + " answered " + response.statusCode()
                    + " to " + method + " " + path + ": " + response.body(), response.statusCode(), null);
        }
        return json.readTree(response.body());
    }

    private void pause(final int attempt) {
        try {
            Thread.sleep(backoff.toMillis() * attempt);
        } catch (final InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static String encode(final String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }
}
