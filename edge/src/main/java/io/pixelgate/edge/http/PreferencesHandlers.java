package io.pixelgate.edge.http;

import io.pixelgate.edge.EdgeMetrics;
import io.pixelgate.edge.EdgeMetrics.Endpoint;
import io.pixelgate.edge.hits.Hits;
import io.pixelgate.edge.kafka.RecordPublisher;
import io.pixelgate.edge.kafka.RecordType;
import io.pixelgate.edge.net.ClientFacts;
import io.pixelgate.edge.prefs.CsrfGuard;
import io.pixelgate.edge.prefs.Decision;
import io.pixelgate.edge.prefs.Languages;
import io.pixelgate.edge.prefs.PreferenceChanges;
import io.pixelgate.edge.prefs.PreferencesPages;
import io.pixelgate.edge.prefs.Wording;
import io.pixelgate.edge.prefs.WordingCatalog;
import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentEvidence;
import io.pixelgate.schemas.Topics;
import io.pixelgate.tokens.Preferences;
import io.pixelgate.tokens.TokenCodec;
import io.pixelgate.tokens.TokenResult;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracking-preferences pages: {@code GET /p/{token}} shows the choice, {@code POST /p/{token}}
 * records it, {@code POST /p/{token}/withdraw} withdraws every purpose. A GET never changes
 * consent. A POST is accepted only from the page itself (see {@link CsrfGuard}), and its
 * confirmation is shown only once Kafka has acknowledged the consent changes.
 */
final class PreferencesHandlers {

    /** How long a person waits at most for Kafka to acknowledge their choice. */
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
    static final String CSRF_COOKIE = "pg_csrf";
    private static final Logger LOG = LoggerFactory.getLogger(PreferencesHandlers.class);
    private static final String TEXT_HTML = "text/html; charset=utf-8";

    private final TokenCodec codec;
    private final WordingCatalog wordings;
    private final CsrfGuard csrf;
    private final Topics topics;
    private final RecordPublisher publisher;
    private final EdgeMetrics metrics;
    private final ClientFactsReader clients;
    private final URI publicUrl;

    PreferencesHandlers(final TokenCodec codec, final WordingCatalog wordings, final CsrfGuard csrf, final Topics topics,
                        final RecordPublisher publisher, final EdgeMetrics metrics, final ClientFactsReader clients,
                        final URI publicUrl) {
        this.codec = codec;
        this.wordings = wordings;
        this.csrf = csrf;
        this.topics = topics;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clients = clients;
        this.publicUrl = publicUrl;
    }

    void page(final RoutingContext context) {
        metrics.answered(Endpoint.PREFERENCES_PAGE);
        final String token = context.pathParam("token");
        final Wording wording = wordings.current(language(context.request()));
        final Optional<Preferences> preferences = open(token, Endpoint.PREFERENCES_PAGE);
        if (preferences.isEmpty()) {
            respond(context, 404, PreferencesPages.message(wording, "invalid", null));
            return;
        }
        final String nonce = csrf.nonceFrom(cookie(context.request())).orElseGet(csrf::newNonce);
        context.response().addCookie(Cookie.cookie(CSRF_COOKIE, nonce)
                .setPath("/p/")
                .setHttpOnly(true)
                .setSecure("https".equalsIgnoreCase(publicUrl.getScheme()))
                .setSameSite(CookieSameSite.STRICT));
        final List<Wording> others = wordings.languages().stream()
                .filter(language -> !language.equals(wording.language()))
                .map(wordings::current)
                .toList();
        respond(context, 200, PreferencesPages.page(wording, token, csrf.fieldFor(nonce, token), others));
    }

    void decide(final RoutingContext context) {
        metrics.answered(Endpoint.PREFERENCES_DECISION);
        final HttpServerRequest request = context.request();
        record(context, Endpoint.PREFERENCES_DECISION, Decision.fromForm(request.getFormAttribute("decision"),
                request.formAttributes().getAll("purpose")), true);
    }

    void withdraw(final RoutingContext context) {
        metrics.answered(Endpoint.WITHDRAW);
        record(context, Endpoint.WITHDRAW, Optional.of(new Decision.WithdrawAll()), false);
    }

    /**
     * Checks the token, the origin of the form and the form, then records the decision.
     *
     * @param wordingRequired false for the withdrawal, which is valid without knowing the wording shown
     */
    private void record(final RoutingContext context, final Endpoint endpoint, final Optional<Decision> decision,
                        final boolean wordingRequired) {
        final HttpServerRequest request = context.request();
        final String token = context.pathParam("token");
        final Optional<Wording> shown = wordings.byVersion(request.getFormAttribute("wording"));
        final Wording wording = shown.orElseGet(() -> wordings.current(language(request)));
        final Optional<Preferences> preferences = open(token, endpoint);
        if (preferences.isEmpty()) {
            respond(context, 404, PreferencesPages.message(wording, "invalid", null));
        } else if (!fromOwnPage(request, token)) {
            respond(context, 403, PreferencesPages.message(wording, "expired", token));
        } else if (decision.isEmpty() || (wordingRequired && shown.isEmpty())) {
            respond(context, 400, PreferencesPages.message(wording, "badform", token));
        } else {
            publish(context, token, wording, preferences.get(), decision.get(), shown.map(Wording::version).orElse(null));
        }
    }

    private void publish(final RoutingContext context, final String token, final Wording wording,
                         final Preferences preferences, final Decision decision, final String wordingVersion) {
        final HttpServerRequest request = context.request();
        final ClientFacts facts = clients.read(request);
        final ConsentEvidence evidence = new ConsentEvidence(facts.ipPrefix(),
                Hits.truncate(request.getHeader(HttpHeaders.USER_AGENT)));
        final List<ConsentChange> changes = PreferenceChanges.changes(decision, preferences.profileId(), wordingVersion,
                Instant.now(), evidence, () -> UUID.randomUUID().toString());
        final CompletableFuture<?>[] acknowledged = changes.stream()
                .map(change -> publisher.offerAcknowledged(RecordType.CONSENT_CHANGE, topics.consentChanges(),
                        change.getProfileId(), change))
                .toArray(CompletableFuture[]::new);
        Future.fromCompletionStage(CompletableFuture.allOf(acknowledged), context.vertx().getOrCreateContext())
                .timeout(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .onSuccess(done -> respond(context, 200,
                        PreferencesPages.confirmation(wording, token, PreferenceChanges.outcome(decision))))
                .onFailure(error -> {
                    LOG.warn("a preferences decision was not acknowledged by Kafka in time: {}", error.toString());
                    respond(context, 503, PreferencesPages.message(wording, "unavailable", token));
                });
    }

    private Optional<Preferences> open(final String token, final Endpoint endpoint) {
        final TokenResult<Preferences> result = codec.open(token, Preferences.class);
        result.rejection().ifPresent(reason -> metrics.invalidToken(endpoint, reason));
        return result.toOptional();
    }

    /**
     * True when the POST comes from the page itself: the anti-forgery cookie and field match, and
     * the browser does not say the request is cross-site ({@code Sec-Fetch-Site}, {@code Origin}).
     */
    private boolean fromOwnPage(final HttpServerRequest request, final String token) {
        if ("cross-site".equals(request.getHeader("Sec-Fetch-Site"))) {
            LOG.debug("preferences POST refused: the browser says it is cross-site");
            return false;
        }
        final String origin = request.getHeader(HttpHeaders.ORIGIN);
        // "null" says nothing (privacy modes send it); the cookie and the field still must match
        if (origin != null && !"null".equals(origin) && !sameOrigin(origin, request.authority())) {
            LOG.debug("preferences POST refused: origin {} is neither the Host nor the public URL", origin);
            return false;
        }
        final boolean verified = csrf.verify(cookie(request), token, request.getFormAttribute("csrf"));
        if (!verified) {
            LOG.debug("preferences POST refused: the anti-forgery cookie is missing or does not match the form");
        }
        return verified;
    }

    /**
     * The Origin's host and port are this request's authority (Host, or :authority in HTTP/2), or
     * those of the public URL (behind a proxy that rewrites Host).
     */
    private boolean sameOrigin(final String origin, final HostAndPort authority) {
        try {
            final URI uri = URI.create(origin);
            if (uri.getHost() == null) {
                return false;
            }
            final int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(uri.getScheme());
            final boolean asRequested = authority != null && uri.getHost().equalsIgnoreCase(authority.host())
                    && (authority.port() < 0 ? port == defaultPort(uri.getScheme()) : port == authority.port());
            final int publicPort = publicUrl.getPort() >= 0 ? publicUrl.getPort() : defaultPort(publicUrl.getScheme());
            return asRequested || (uri.getHost().equalsIgnoreCase(publicUrl.getHost()) && port == publicPort);
        } catch (final IllegalArgumentException e) {
            return false; // garbage: not our page
        }
    }

    private static int defaultPort(final String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    private String language(final HttpServerRequest request) {
        final String asked = request.getParam("lang");
        if (asked != null && wordings.languages().contains(asked)) {
            return asked;
        }
        return Languages.negotiate(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE), wordings.languages());
    }

    private static String cookie(final HttpServerRequest request) {
        final Cookie cookie = request.getCookie(CSRF_COOKIE);
        return cookie == null ? null : cookie.getValue();
    }

    private static void respond(final RoutingContext context, final int status, final String html) {
        context.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, TEXT_HTML)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("Content-Security-Policy", PreferencesPages.CONTENT_SECURITY_POLICY)
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("X-Content-Type-Options", "nosniff")
                // same-origin: the token in the URL never goes to another site, and the page's own
                // POSTs still carry a real Origin (with no-referrer, browsers send "Origin: null")
                .putHeader("Referrer-Policy", "same-origin")
                .end(html);
    }
}
