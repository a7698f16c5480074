package io.pixelgate.edge.prefs;

import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Purpose;
import io.pixelgate.platform.text.HtmlEscaping;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The HTML of the preferences pages, server-rendered from a {@link Wording}: pure functions of
 * their arguments, every text escaped. No script: the page works in any browser, including the
 * small ones built into mail apps.
 *
 * <p>What the page must show (CNIL recommendation on tracking pixels): who places the pixel, what
 * it collects, why (each purpose, chosen separately, none ticked in advance), that the choice
 * applies on every device; accepting and refusing are two buttons of the same style and size.
 */
public final class PreferencesPages {

    private static final String STYLE = """
            body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;\
            color:#1d2330;background:#f5f6f8}\
            main{max-width:42rem;margin:0 auto;padding:1.5rem 1rem 3rem;background:#fff}\
            h1{font-size:1.6rem;margin:.5rem 0 1rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}\
            fieldset{border:1px solid #c9ced8;border-radius:8px;padding:1rem;margin:1.5rem 0}\
            legend{font-weight:600;padding:0 .4rem}\
            .purpose{display:flex;gap:.75rem;align-items:flex-start;margin:.75rem 0}\
            .purpose input{width:1.25rem;height:1.25rem;margin-top:.2rem;flex:none}\
            .purpose label span{display:block;color:#4a5263}\
            .note{color:#4a5263;font-size:.95rem}\
            .choices{display:flex;flex-wrap:wrap;gap:1rem;margin:1.5rem 0}\
            .choice{flex:1 1 12rem;font:inherit;font-size:1rem;font-weight:600;padding:.8rem 1rem;\
            border:2px solid #1f3a5f;border-radius:8px;background:#fff;color:#1f3a5f;cursor:pointer}\
            .choice:hover,.choice:focus{background:#e8eef6}\
            .withdraw{border-top:1px solid #c9ced8;margin-top:2rem}\
            .secondary{font:inherit;padding:.6rem 1rem;border:1px solid #7a8294;border-radius:8px;background:#fff;\
            color:#1d2330;cursor:pointer}\
            .notice{border-left:4px solid #b3261e;background:#fdecea;padding:.6rem .8rem;margin:1rem 0}\
            table.outcome{border-collapse:collapse;margin:1rem 0}\
            .outcome th,.outcome td{text-align:left;padding:.4rem 1.5rem .4rem 0;border-bottom:1px solid #e1e4ea}\
            nav{margin-top:2rem;font-size:.95rem}\
            .receipt table,#summary table,#status{border-collapse:collapse;margin:.5rem 0 1.5rem}\
            .receipt th,.receipt td,#summary th,#summary td,#status th,#status td{text-align:left;vertical-align:top;\
            padding:.3rem 1rem .3rem 0;border-bottom:1px solid #e1e4ea;font-size:.95rem}\
            .erased{border-left:4px solid #b3261e;background:#fdecea;padding:.4rem .8rem}""";

    /**
     * The Content-Security-Policy of every page: nothing loads from anywhere, only this exact
     * inline style applies, forms post only to the edge, and no other site may frame the page (a
     * framed consent page could be overlaid to trick a click).
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(STYLE)
            + "'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /**
     * The receipt link and page title in each language. Not in the wording files: those are the
     * notice a consent was given on, and their text (hashed on receipts) must not change.
     */
    private static final Map<String, String> RECEIPT_TITLES = Map.of(
            "en", "Your consent receipts: what was recorded of your choices",
            "fr", "Vos reçus de consentement : ce qui a été enregistré de vos choix");

    private PreferencesPages() {
    }

    /**
     * The person's consent receipts, in the look of the page: {@code body} is the receipts' HTML
     * ({@code ReceiptHtml.body}), already escaped.
     */
    public static String receipt(final Wording wording, final String token, final String body) {
        final String title = receiptTitle(wording);
        final StringBuilder html = head(wording, title);
        html.append("<h1 id=\"receipts\">").append(e(title)).append("</h1>\n").append(body)
                .append("<p><a href=\"/p/").append(e(token)).append("?lang=").append(e(wording.language())).append("\">")
                .append(e(wording.text("back.link"))).append("</a></p>\n");
        return tail(html);
    }

    private static String receiptTitle(final Wording wording) {
        return RECEIPT_TITLES.getOrDefault(wording.language(), RECEIPT_TITLES.get("en"));
    }

    /**
     * The preferences page of one recipient, nothing ticked.
     *
     * @param token      the page's token, already verified
     * @param csrfField  the anti-forgery field for this browser and token
     * @param others     the wording of the page in the other languages, for the language links
     */
    public static String page(final Wording wording, final String token, final String csrfField,
                              final List<Wording> others) {
        return page(wording, token, csrfField, others, Set.of(), "");
    }

    /**
     * The page again after a form that could not be recorded because it ticked purposes without
     * the one each needs: what was ticked stays ticked, and a notice above the choices says what
     * is missing.
     *
     * @param ticked the purposes ticked in the form
     * @param unmet  each purpose ticked without the one it needs, mapped to that one
     */
    public static String pageAgain(final Wording wording, final String token, final String csrfField,
                                   final List<Wording> others, final Set<Purpose> ticked,
                                   final Map<Purpose, Purpose> unmet) {
        final StringBuilder notices = new StringBuilder("<div id=\"needs\">\n");
        unmet.forEach((purpose, needed) -> notices.append("<p class=\"notice\" role=\"alert\" data-purpose=\"")
                .append(purpose.name()).append("\">").append(e(wording.text("needs.text")
                        .replace("{purpose}", wording.purposeLabel(purpose))
                        .replace("{needed}", wording.purposeLabel(needed)))).append("</p>\n"));
        return page(wording, token, csrfField, others, ticked, notices.append("</div>\n").toString());
    }

    private static String page(final Wording wording, final String token, final String csrfField,
                               final List<Wording> others, final Set<Purpose> ticked, final String notices) {
        final StringBuilder html = head(wording, wording.text("page.title"));
        html.append("<h1>").append(e(wording.text("page.title"))).append("</h1>\n")
                .append("<p>").append(e(wording.text("intro"))).append("</p>\n")
                .append(section(wording, "who"))
                .append(section(wording, "what"))
                .append("<form method=\"post\" action=\"/p/").append(e(token)).append("\" id=\"decision\">\n")
                .append(hidden(wording, csrfField))
                .append(notices)
                .append("<fieldset><legend>").append(e(wording.text("why.title"))).append("</legend>\n");
        for (final Purpose purpose : Purpose.values()) {
            final String id = "purpose-" + purpose.name();
            html.append("<div class=\"purpose\"><input type=\"checkbox\" name=\"purpose\" value=\"")
                    .append(purpose.name()).append("\" id=\"").append(id).append("\"")
                    .append(ticked.contains(purpose) ? " checked" : "").append(">")
                    .append("<label for=\"").append(id).append("\"><strong>").append(e(wording.purposeLabel(purpose)))
                    .append("</strong><span>").append(e(wording.purposeText(purpose))).append("</span></label></div>\n");
        }
        html.append("<p class=\"note\">").append(e(wording.text("dependency.text"))).append("</p>\n</fieldset>\n")
                .append("<p>").append(e(wording.text("without.text"))).append("</p>\n")
                .append("<p><strong>").append(e(wording.text("devices.text"))).append("</strong></p>\n")
                .append("<div class=\"choices\">")
                .append("<button type=\"submit\" name=\"decision\" value=\"accept\" class=\"choice\" id=\"accept\">")
                .append(e(wording.text("accept.button"))).append("</button>")
                .append("<button type=\"submit\" name=\"decision\" value=\"refuse\" class=\"choice\" id=\"refuse\">")
                .append(e(wording.text("refuse.button"))).append("</button>")
                .append("</div>\n</form>\n")
                .append("<section class=\"withdraw\"><h2>").append(e(wording.text("withdraw.title"))).append("</h2>\n")
                .append("<p>").append(e(wording.text("withdraw.text"))).append("</p>\n")
                .append("<form method=\"post\" action=\"/p/").append(e(token)).append("/withdraw\" id=\"withdraw\">\n")
                .append(hidden(wording, csrfField))
                .append("<button type=\"submit\" class=\"secondary\" id=\"withdraw-all\">")
                .append(e(wording.text("withdraw.button"))).append("</button>\n</form></section>\n");
        if (!others.isEmpty()) {
            html.append("<nav>");
            for (final Wording other : others) {
                html.append("<a href=\"/p/").append(e(token)).append("?lang=").append(e(other.language()))
                        .append("\" hreflang=\"").append(e(other.language())).append("\" lang=\"")
                        .append(e(other.language())).append("\">").append(e(other.text("language.name"))).append("</a> ");
            }
            html.append("</nav>\n");
        }
        html.append("<p><a href=\"/p/").append(e(token)).append("/receipt?lang=").append(e(wording.language()))
                .append("\" id=\"receipt-link\">").append(e(receiptTitle(wording))).append("</a></p>\n");
        return tail(html);
    }

    /** The confirmation after a decision: the status each purpose now has. */
    public static String confirmation(final Wording wording, final String token, final Map<Purpose, ConsentStatus> outcome) {
        final StringBuilder html = head(wording, wording.text("confirm.title"));
        html.append("<h1 id=\"confirmation\">").append(e(wording.text("confirm.title"))).append("</h1>\n")
                .append("<table class=\"outcome\">\n");
        outcome.forEach((purpose, status) -> html.append("<tr data-purpose=\"").append(purpose.name())
                .append("\" data-status=\"").append(status.name()).append("\"><th scope=\"row\">")
                .append(e(wording.purposeLabel(purpose))).append("</th><td>")
                .append(e(wording.text("confirm." + status.name().toLowerCase(Locale.ROOT)))).append("</td></tr>\n"));
        html.append("</table>\n<p>").append(e(wording.text("confirm.devices"))).append("</p>\n")
                .append("<p><a href=\"/p/").append(e(token)).append("?lang=").append(e(wording.language())).append("\">")
                .append(e(wording.text("back.link"))).append("</a></p>\n");
        return tail(html);
    }

    /**
     * A page that only says something went wrong: {@code kind} is {@code invalid}, {@code expired},
     * {@code unavailable}, {@code badform}, {@code stale} or {@code ratelimited}. {@code token} is
     * null when no link back can be given.
     */
    public static String message(final Wording wording, final String kind, final String token) {
        final StringBuilder html = head(wording, wording.text(kind + ".title"));
        html.append("<h1 id=\"").append(e(kind)).append("\">").append(e(wording.text(kind + ".title"))).append("</h1>\n")
                .append("<p>").append(e(wording.text(kind + ".text"))).append("</p>\n");
        if (token != null) {
            html.append("<p><a href=\"/p/").append(e(token)).append("?lang=").append(e(wording.language())).append("\">")
                    .append(e(wording.text("back.link"))).append("</a></p>\n");
        }
        return tail(html);
    }

    private static StringBuilder head(final Wording wording, final String title) {
        return new StringBuilder(8192)
                .append("<!DOCTYPE html>\n<html lang=\"").append(e(wording.language())).append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"robots\" content=\"noindex, nofollow\">\n")
                .append("<meta name=\"wording-version\" content=\"").append(e(wording.version())).append("\">\n")
                .append("<title>").append(e(title)).append("</title>\n")
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n<main>\n");
    }

    private static String tail(final StringBuilder html) {
        return html.append("</main>\n</body>\n</html>\n").toString();
    }

    private static String section(final Wording wording, final String name) {
        return "<section><h2>" + e(wording.text(name + ".title")) + "</h2>\n<p>" + e(wording.text(name + ".text"))
                + "</p></section>\n";
    }

    private static String hidden(final Wording wording, final String csrfField) {
        return "<input type=\"hidden\" name=\"wording\" value=\"" + e(wording.version()) + "\">\n"
                + "<input type=\"hidden\" name=\"csrf\" value=\"" + e(csrfField) + "\">\n";
    }

    private static String sha256(final String text) {
        try {
            return "sha256-" + Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing; every Java SE has it", e);
        }
    }

    private static String e(final String text) {
        return HtmlEscaping.escape(text);
    }
}
