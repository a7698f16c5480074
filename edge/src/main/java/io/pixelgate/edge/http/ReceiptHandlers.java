package io.pixelgate.edge.http;

import io.pixelgate.edge.EdgeMetrics;
import io.pixelgate.edge.EdgeMetrics.Endpoint;
import io.pixelgate.edge.EdgeMetrics.Refusal;
import io.pixelgate.edge.prefs.PreferencesPages;
import io.pixelgate.edge.prefs.RecentChoices;
import io.pixelgate.edge.prefs.Wording;
import io.pixelgate.edge.prefs.WordingCatalog;
import io.pixelgate.platform.proof.LedgerReader;
import io.pixelgate.platform.proof.ProofReport;
import io.pixelgate.platform.proof.ReceiptHtml;
import io.pixelgate.platform.proof.ReceiptJson;
import io.pixelgate.platform.proof.Receipts;
import io.pixelgate.tokens.Preferences;
import io.pixelgate.tokens.TokenCodec;
import io.pixelgate.tokens.TokenResult;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /p/{token}/receipt}: the person's own consent receipts, as HTML in the look of the
 * preferences page, or JSON ({@code ?format=json} or {@code Accept: application/json}). The token
 * is the credential, as for the page; requests are limited per profile as the decision POSTs are
 * (their own bucket, so that reading receipts never uses up a decision). The ledger is read on a
 * worker thread by a consumer of the edge's own (assigned partitions, no group).
 */
final class ReceiptHandlers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiptHandlers.class);

    private final TokenCodec codec;
    private final WordingCatalog wordings;
    private final EdgeMetrics metrics;
    private final LedgerReader reader;
    private final Receipts receipts;
    private final RecentChoices rate;
    private final Clock clock;

    ReceiptHandlers(final TokenCodec codec, final WordingCatalog wordings, final EdgeMetrics metrics,
                    final LedgerReader reader, final Receipts receipts, final RecentChoices rate, final Clock clock) {
        this.codec = codec;
        this.wordings = wordings;
        this.metrics = metrics;
        this.reader = reader;
        this.receipts = receipts;
        this.rate = rate;
        this.clock = clock;
    }

    void receipt(final RoutingContext context) {
        metrics.answered(Endpoint.RECEIPT);
        final HttpServerRequest request = context.request();
        final String token = context.pathParam("token");
        final Wording wording = wordings.current(PreferencesHandlers.language(wordings, request));
        final TokenResult<Preferences> opened = codec.open(token, Preferences.class);
        opened.rejection().ifPresent(reason -> metrics.invalidToken(Endpoint.RECEIPT, reason));
        if (opened.toOptional().isEmpty()) {
            PreferencesHandlers.respond(context, 404, PreferencesPages.message(wording, "invalid", null));
            return;
        }
        final String profileId = opened.toOptional().get().profileId();
        final Optional<Duration> wait = rate.admit(profileId, clock.instant());
        if (wait.isPresent()) {
            metrics.refused(Refusal.RATE_LIMIT);
            context.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(PreferencesHandlers.seconds(wait.get())));
            PreferencesHandlers.respond(context, 429, PreferencesPages.message(wording, "ratelimited", token));
            return;
        }
        context.vertx().executeBlocking(() -> receipts.build(reader.read(profileId), clock.instant()), false)
                .onSuccess(report -> answer(context, wording, token, report))
                .onFailure(error -> {
                    LOG.warn("a receipt could not be read from Kafka: {}", error.toString());
                    PreferencesHandlers.respond(context, 503, PreferencesPages.message(wording, "unavailable", token));
                });
    }

    private static void answer(final RoutingContext context, final Wording wording, final String token,
                               final ProofReport report) {
        if (wantsJson(context.request())) {
            context.response().setStatusCode(200)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "same-origin")
                    .end(ReceiptJson.of(report));
        } else {
            PreferencesHandlers.respond(context, 200, PreferencesPages.receipt(wording, token, ReceiptHtml.body(report)));
        }
    }

    private static boolean wantsJson(final HttpServerRequest request) {
        final String accept = request.getHeader(HttpHeaders.ACCEPT);
        return "json".equals(request.getParam("format"))
                || accept != null && accept.toLowerCase(Locale.ROOT).contains("application/json");
    }

    @Override
    public void close() {
        rate.close();
        reader.close();
    }
}
