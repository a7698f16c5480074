package io.pixelgate.edge.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.pixelgate.edge.EdgeMetrics;
import io.pixelgate.edge.EdgeMetrics.Endpoint;
import io.pixelgate.edge.EdgeMetrics.Refusal;
import io.pixelgate.edge.hits.Hits;
import io.pixelgate.edge.kafka.BufferFullException;
import io.pixelgate.edge.kafka.RecordPublisher;
import io.pixelgate.edge.kafka.RecordType;
import io.pixelgate.edge.net.ClientFacts;
import io.pixelgate.edge.prefs.CsrfGuard;
import io.pixelgate.edge.prefs.Decision;
import io.pixelgate.edge.prefs.Languages;
import io.pixelgate.edge.prefs.PreferenceChanges;
import io.pixelgate.edge.prefs.PreferencesPages;
import io.pixelgate.edge.prefs.RecentChoices;
import io.pixelgate.edge.prefs.RecentChoices.FormVerdict;
import io.pixelgate.edge.prefs.Wording;
import io.pixelgate.edge.prefs.WordingCatalog;
import io.pixelgate.events.ConsentChange;
import io.pixelgate.events.ConsentEvidence;
import io.pixelgate.events.Purpose;
import io.pixelgate.schemas.Topics;
import io.pixelgate.tokens.Preferences;
import io.pixelgate.tokens.TokenCodec;
import io.pixelgate.tokens.TokenResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracking-preferences pages: {@code GET /p/{token}} shows the choice, {@code POST /p/{token}}
 * records it, {@code POST /p/{token}/withdraw} withdraws every purpose. A GET never changes
 * consent. A decision POST is accepted only from the page itself (see {@link CsrfGuard}), within
 * the rate and freshness rules of {@link RecentChoices}; a withdrawal needs nothing but the token
 * (SPEC.md section 3, RFC 8058's one-click POST). A confirmation is shown only once Kafka has
 * acknowledged the consent changes.
 */
final class PreferencesHandlers {

    /** How long a person waits at most for Kafka to acknowledge their choice. */
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
    static final String CSRF_COOKIE = "pg_csrf";
    /** How soon a coalesced withdrawal is offered again when the consent lane was full. */
    private static final Duration LATE_RETRY = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(PreferencesHandlers.class);
    private static final String TEXT_HTML = "text/html; charset=utf-8";
    private static final String FORM_URLENCODED = "application/x-www-form-urlencoded";

    private final TokenCodec codec;
    private final WordingCatalog wordings;
    private final CsrfGuard csrf;
    private final Topics topics;
    private final RecordPublisher publisher;
    private final EdgeMetrics metrics;
    private final ClientFactsReader clients;
    private final URI publicUrl;
    private final RecentChoices choices;
    private final Clock clock;

    PreferencesHandlers(final TokenCodec codec, final WordingCatalog wordings, final CsrfGuard csrf, final Topics topics,
                        final RecordPublisher publisher, final EdgeMetrics metrics, final ClientFactsReader clients,
                        final URI publicUrl, final RecentChoices choices, final Clock clock) {
        this.codec = codec;
        this.wordings = wordings;
        this.csrf = csrf;
        this.topics = topics;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clients = clients;
        this.publicUrl = publicUrl;
        this.choices = choices;
        this.clock = clock;
    }

    /**
     * What records a withdrawal {@link RecentChoices} kept for later: offered to the consent lane,
     * and offered again while that lane is full, so that it is never lost to a full buffer.
     */
    static void recordLate(final RecordPublisher publisher, final Topics topics, final RecentChoices.Later later,
                           final ConsentChange change) {
        publisher.offerAcknowledged(RecordType.CONSENT_CHANGE, topics.consentChanges(), change.getProfileId(), change)
                .whenComplete((done, error) -> {
                    if (error instanceof BufferFullException) {
                        later.after(LATE_RETRY, () -> recordLate(publisher, topics, later, change));
                    } else if (error != null) {
                        LOG.error("a withdrawal answered earlier was not recorded: {}", error.toString());
                    }
                });
    }

    void page(final RoutingContext context) {
        metrics.answered(Endpoint.PREFERENCES_PAGE);
        final String token = context.pathParam("token");
        final Wording wording = wordings.current(language(context.request()));
        if (open(token, Endpoint.PREFERENCES_PAGE).isEmpty()) {
            respond(context, 404, PreferencesPages.message(wording, "invalid", null));
            return;
        }
        final String nonce = csrf.nonceFrom(cookie(context.request())).orElseGet(csrf::newNonce);
        context.response().addCookie(Cookie.cookie(CSRF_COOKIE, nonce)
                .setPath("/p/")
                .setHttpOnly(true)
                .setSecure("https".equalsIgnoreCase(publicUrl.getScheme()))
                .setSameSite(CookieSameSite.STRICT));
        respond(context, 200, PreferencesPages.page(wording, token, csrf.fieldFor(nonce, token, clock.instant()),
                others(wording)));
    }

    /**
     * Checks, in order: the token (404), that the form comes from the page (403), that it can be
     * read (400), the rate (429), that no purpose is ticked without the one it needs (422, the
     * form again), that a form granting something is fresh (409); then records the decision.
     */
    void decide(final RoutingContext context) {
        metrics.answered(Endpoint.PREFERENCES_DECISION);
        final HttpServerRequest request = context.request();
        final String token = context.pathParam("token");
        final Optional<Wording> shown = wordings.byVersion(request.getFormAttribute("wording"));
        final Wording wording = wordings.current(shown.map(Wording::language).orElseGet(() -> language(request)));
        final Optional<Preferences> preferences = open(token, Endpoint.PREFERENCES_DECISION);
        if (preferences.isEmpty()) {
            respond(context, 404, PreferencesPages.message(wording, "invalid", null));
            return;
        }
        final Optional<Instant> shownAt = fromOwnPage(request, token);
        final List<String> ticked = request.formAttributes().getAll("purpose");
        final Optional<Decision> decision = Decision.fromForm(request.getFormAttribute("decision"), ticked);
        if (shownAt.isEmpty()) {
            refuse(context, Refusal.FORGERY, 403, PreferencesPages.message(wording, "expired", token));
        } else if (decision.isEmpty() || shown.isEmpty()) {
            refuse(context, Refusal.BAD_FORM, 400, PreferencesPages.message(wording, "badform", token));
        } else {
            decideChecked(context, token, wording, preferences.get().profileId(), decision.get(),
                    new ShownForm(shown.get().version(), shownAt.get()));
        }
    }

    private void decideChecked(final RoutingContext context, final String token, final Wording wording,
                               final String profileId, final Decision decision, final ShownForm form) {
        final Instant now = clock.instant();
        final Optional<Duration> wait = choices.admit(profileId, now);
        final Map<Purpose, Purpose> unmet = PreferenceChanges.unmetNeeds(decision);
        if (wait.isPresent()) {
            context.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds(wait.get())));
            refuse(context, Refusal.RATE_LIMIT, 429, PreferencesPages.message(wording, "ratelimited", token));
        } else if (!unmet.isEmpty()) {
            final String nonce = cookie(context.request());
            refuse(context, Refusal.NEEDS_PURPOSE, 422, PreferencesPages.pageAgain(wording, token,
                    csrf.fieldFor(nonce, token, now), others(wording), ((Decision.Accept) decision).purposes(), unmet));
        } else {
            final FormVerdict verdict = choices.reserve(profileId, form.shownAt(), PreferenceChanges.grants(decision), now);
            if (verdict == FormVerdict.FRESH) {
                publish(context, token, wording, decision, PreferenceChanges.changes(decision, profileId,
                        form.wordingVersion(), now, form.shownAt(), evidence(context.request()), submissionId()));
            } else {
                refuse(context, verdict == FormVerdict.TOO_OLD ? Refusal.FORM_TOO_OLD : Refusal.FORM_SUPERSEDED, 409,
                        PreferencesPages.message(wording, "stale", token));
            }
        }
    }

    /**
     * One-click withdrawal: the token is the credential, whatever the body (RFC 8058's
     * {@code List-Unsubscribe=One-Click}, the page's own form, or nothing). The body is read up to
     * the form limit and only for what the page's form adds (the wording shown and, with the
     * page's cookie, when it was shown); anything else in it, or beyond it, is ignored.
     */
    void withdraw(final RoutingContext context) {
        metrics.answered(Endpoint.WITHDRAW);
        final HttpServerRequest request = context.request();
        if (request.isEnded()) {
            withdraw(context, Map.of());
            return;
        }
        final FormBody body = new FormBody();
        request.handler(body::append);
        request.endHandler(end -> withdraw(context, body.fields(request.getHeader(HttpHeaders.CONTENT_TYPE))));
    }

    private void withdraw(final RoutingContext context, final Map<String, List<String>> form) {
        final HttpServerRequest request = context.request();
        final String token = context.pathParam("token");
        final Optional<Wording> shown = wordings.byVersion(first(form, "wording"));
        final Wording wording = wordings.current(shown.map(Wording::language).orElseGet(() -> language(request)));
        final Optional<Preferences> preferences = open(token, Endpoint.WITHDRAW);
        if (preferences.isEmpty()) {
            respond(context, 404, PreferencesPages.message(wording, "invalid", null));
            return;
        }
        final Decision decision = new Decision.WithdrawAll();
        final ConsentChange withdrawal = PreferenceChanges.changes(decision, preferences.get().profileId(),
                shown.map(Wording::version).orElse(null), clock.instant(),
                csrf.verify(cookie(request), token, first(form, "csrf")).orElse(null), evidence(request),
                submissionId()).get(0);
        if (choices.withdrawNow(withdrawal)) {
            publish(context, token, wording, decision, List.of(withdrawal));
        } else {
            metrics.withdrawalCoalesced();
            respond(context, 200, PreferencesPages.confirmation(wording, token, PreferenceChanges.outcome(decision)));
        }
    }

    private void publish(final RoutingContext context, final String token, final Wording wording,
                         final Decision decision, final List<ConsentChange> changes) {
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

    private ConsentEvidence evidence(final HttpServerRequest request) {
        final ClientFacts facts = clients.read(request);
        return new ConsentEvidence(facts.ipPrefix(), Hits.truncate(request.getHeader(HttpHeaders.USER_AGENT)));
    }

    private Optional<Preferences> open(final String token, final Endpoint endpoint) {
        final TokenResult<Preferences> result = codec.open(token, Preferences.class);
        result.rejection().ifPresent(reason -> metrics.invalidToken(endpoint, reason));
        return result.toOptional();
    }

    /**
     * When the form was shown, if the POST comes from the page itself: the anti-forgery cookie and
     * field match, and the browser does not say the request is cross-site ({@code Sec-Fetch-Site},
     * {@code Origin}).
     */
    private Optional<Instant> fromOwnPage(final HttpServerRequest request, final String token) {
        if ("cross-site".equals(request.getHeader("Sec-Fetch-Site"))) {
            LOG.debug("preferences POST refused: the browser says it is cross-site");
            return Optional.empty();
        }
        final String origin = request.getHeader(HttpHeaders.ORIGIN);
        // "null" says nothing (privacy modes send it); the cookie and the field still must match
        if (origin != null && !"null".equals(origin) && !sameOrigin(origin, request.authority())) {
            LOG.debug("preferences POST refused: origin {} is neither the Host nor the public URL", origin);
            return Optional.empty();
        }
        final Optional<Instant> shownAt = csrf.verify(cookie(request), token, request.getFormAttribute("csrf"));
        if (shownAt.isEmpty()) {
            LOG.debug("preferences POST refused: the anti-forgery cookie is missing or does not match the form");
        }
        return shownAt;
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
        return language(wordings, request);
    }

    /** The language of the page: {@code ?lang=} when supported, else the browser's preference. */
    static String language(final WordingCatalog wordings, final HttpServerRequest request) {
        final String asked = request.getParam("lang");
        if (asked != null && wordings.languages().contains(asked)) {
            return asked;
        }
        return Languages.negotiate(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE), wordings.languages());
    }

    private List<Wording> others(final Wording wording) {
        return wordings.languages().stream()
                .filter(language -> !language.equals(wording.language()))
                .map(wordings::current)
                .toList();
    }

    private static String first(final Map<String, List<String>> form, final String name) {
        final List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String cookie(final HttpServerRequest request) {
        final Cookie cookie = request.getCookie(CSRF_COOKIE);
        return cookie == null ? null : cookie.getValue();
    }

    private static String submissionId() {
        return "edge-" + UUID.randomUUID();
    }

    /** Whole seconds, rounded up: {@code Retry-After} has no finer unit, and 0 would invite a retry too soon. */
    static long seconds(final Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    private void refuse(final RoutingContext context, final Refusal refusal, final int status, final String html) {
        metrics.refused(refusal);
        respond(context, status, html);
    }

    static void respond(final RoutingContext context, final int status, final String html) {
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

    /** A body read up to the form limit; beyond it, the rest is read and ignored. */
    private static final class FormBody {
        private final Buffer bytes = Buffer.buffer();
        private boolean overflowed;

        void append(final Buffer chunk) {
            if (overflowed || bytes.length() + chunk.length() > EdgeRouter.FORM_BODY_LIMIT) {
                overflowed = true;
            } else {
                bytes.appendBuffer(chunk);
            }
        }

        /** The fields of a urlencoded body; none for another content type, too large a body, or one that does not decode. */
        Map<String, List<String>> fields(final String contentType) {
            if (overflowed || contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(FORM_URLENCODED)) {
                return Map.of();
            }
            try {
                return new QueryStringDecoder(bytes.toString(StandardCharsets.UTF_8), StandardCharsets.UTF_8, false)
                        .parameters();
            } catch (final IllegalArgumentException e) {
                return Map.of(); // not a form after all: the token alone withdraws
            }
        }
    }

    /** What a decision form says of the page that showed it: the wording version and when. */
    private record ShownForm(String wordingVersion, Instant shownAt) {
    }
}
