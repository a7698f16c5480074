package io.pixelgate.edge;

import io.pixelgate.edge.http.EdgeServer;
import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.tokens.AnonymousPixel;
import io.pixelgate.tokens.CampaignIdentity;
import io.pixelgate.tokens.IdentifiedMode;
import io.pixelgate.tokens.Link;
import io.pixelgate.tokens.MessageIdentity;
import io.pixelgate.tokens.PersonalPixel;
import io.pixelgate.tokens.Preferences;
import io.pixelgate.tokens.TokenCodec;
import io.pixelgate.tokens.TokenKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** An edge started for a test on a free port, with a key ring of its own to issue tokens with. */
public final class TestEdge implements AutoCloseable {

    private static final TokenKeys KEYS = TokenKeys.generate("test1");

    private final EdgeServer server;
    private final PixelgateRuntime runtime;
    private final TokenCodec codec = new TokenCodec(KEYS);
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private TestEdge(final EdgeServer server, final PixelgateRuntime runtime) {
        this.server = server;
        this.runtime = runtime;
    }

    /**
     * Starts an edge for {@code runtime}, whose configuration gets the test key ring and port 0.
     *
     * @param runtimeFor makes the runtime from the configuration overrides the edge needs
     */
    public static TestEdge start(final Map<String, String> overrides,
                                 final Function<Map<String, String>, PixelgateRuntime> runtimeFor) {
        final Map<String, String> settings = new HashMap<>();
        settings.put(CommonSettings.TOKEN_KEYS.key(), KEYS.toConfigString());
        settings.put(EdgeSettings.PORT.key(), "0");
        settings.put(EdgeSettings.HOST.key(), "localhost");
        settings.put(EdgeSettings.HTTP_INSTANCES.key(), "2");
        settings.putAll(overrides);
        final PixelgateRuntime runtime = runtimeFor.apply(settings);
        return new TestEdge(EdgeServer.start(EdgeSettings.from(runtime.config()), runtime, Duration.ofSeconds(30)),
                runtime);
    }

    public PixelgateRuntime runtime() {
        return runtime;
    }

    public EdgeServer server() {
        return server;
    }

    public String baseUrl() {
        return "http://localhost:" + server.port();
    }

    public TokenCodec codec() {
        return codec;
    }

    /** A personal pixel token for a new message to {@code profileId}. */
    public String personalPixel(final String profileId) {
        return codec.issue(new PersonalPixel(message(profileId)));
    }

    public String anonymousPixel(final String campaignId) {
        return codec.issue(new AnonymousPixel(new CampaignIdentity(campaignId, "A", "default")));
    }

    public String link(final String profileId, final String target) {
        return codec.issue(new Link(message(profileId), 0, target));
    }

    public String preferences(final String profileId) {
        return codec.issue(new Preferences(profileId, "default"));
    }

    /** GET {@code path} with extra headers given as name, value, name, value... */
    public HttpResponse<byte[]> get(final String path, final String... headers) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(10)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    /** POST a form body to {@code path} with extra headers given as name, value... */
    public HttpResponse<byte[]> postForm(final String path, final String form, final String... headers) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    private HttpResponse<byte[]> send(final HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (final IOException e) {
            throw new IllegalStateException("request to the edge failed: " + e.getMessage(), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static MessageIdentity message(final String profileId) {
        return new MessageIdentity("m-" + UUID.randomUUID(), profileId, new CampaignIdentity("spring-sale", "A", "default"),
                IdentifiedMode.PERSONAL, 1_790_000_000_000L);
    }

    @Override
    public void close() {
        server.close();
    }
}
