package io.pixelgate.enricher.html;

import io.pixelgate.platform.text.HtmlEscaping;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Adds tracking to a message's HTML: the pixel and a link to the tracking-preferences page just
 * before the last {@code </body>} (at the end when there is none), and tracked URLs in place of
 * http(s) links. A pure function over the string: everything outside those insertions stays
 * byte for byte as it came (no parser re-serialises it), and any input, however broken, gives a
 * result rather than an exception.
 */
public final class HtmlRewriter {

    private HtmlRewriter() {
    }

    /** One change to the original: replace {@code [start, end)} with {@code text}. */
    private record Edit(int start, int end, String text) {
    }

    public static String rewrite(final String html, final Insertions insertions) {
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(insertions, "insertions");
        final HtmlScanner.Scan scan = HtmlScanner.scan(html);
        final List<Edit> edits = new ArrayList<>(linkEdits(html, scan.hrefs(), insertions));
        final int insertAt = scan.bodyEnd() < 0 ? html.length() : scan.bodyEnd();
        final String fragment = insertion(insertions);
        if (!fragment.isEmpty()) {
            edits.add(new Edit(insertAt, insertAt, fragment));
        }
        edits.sort(Comparator.comparingInt(Edit::start));
        return apply(html, edits);
    }

    /** The honeypot link, the pixel, then the footer link, as inserted; empty when none is wanted. */
    static String insertion(final Insertions insertions) {
        return Optional.ofNullable(insertions.honeypotUrl()).map(HtmlRewriter::honeypot).orElse("")
                + Optional.ofNullable(insertions.pixelUrl()).map(HtmlRewriter::pixel).orElse("")
                + Optional.ofNullable(insertions.preferencesUrl())
                        .map(url -> footer(url, insertions.preferencesText())).orElse("");
    }

    /**
     * A transparent 1×1 image. Not {@code display:none}: some mail clients skip loading hidden
     * images, which would make every open invisible.
     */
    private static String pixel(final String url) {
        return "<img src=\"" + HtmlEscaping.escape(url) + "\" width=\"1\" height=\"1\" alt=\"\" border=\"0\""
                + " style=\"display:block;width:1px;height:1px;border:0;margin:0;padding:0\">";
    }

    /**
     * A link with nothing to click: no text, hidden, out of the tab order and of screen readers, so
     * no person follows it, while scanners that follow every href do.
     */
    private static String honeypot(final String url) {
        return "<a href=\"" + HtmlEscaping.escape(url) + "\" tabindex=\"-1\" aria-hidden=\"true\""
                + " style=\"display:none;font-size:0;line-height:0;max-height:0;overflow:hidden\"></a>";
    }

    private static String footer(final String url, final String text) {
        return "<div style=\"margin:16px 0;font-size:12px;line-height:16px;text-align:center\">"
                + "<a href=\"" + HtmlEscaping.escape(url) + "\" style=\"color:#6b6b6b\">"
                + HtmlEscaping.escape(text) + "</a></div>";
    }

    private static List<Edit> linkEdits(final String html, final List<Tag.ValueSpan> hrefs,
                                        final Insertions insertions) {
        if (insertions.links() == null) {
            return List.of();
        }
        final List<Edit> edits = new ArrayList<>();
        int linkIndex = 0;
        for (final Tag.ValueSpan href : hrefs) {
            final Optional<String> target = LinkTargets.trackable(href.rawValue(html), insertions.preferencesUrl());
            if (target.isPresent()) {
                final String tracked = insertions.links().trackedUrl(linkIndex, target.get());
                linkIndex++;
                if (tracked != null) {
                    edits.add(new Edit(href.start(), href.end(), quoted(tracked, href.quote())));
                }
            }
        }
        return edits;
    }

    /** In the value's own quotes; an unquoted value gets double quotes. */
    private static String quoted(final String url, final char originalQuote) {
        final char quote = originalQuote == Tag.ValueSpan.UNQUOTED ? '"' : originalQuote;
        return quote + HtmlEscaping.escape(url) + quote;
    }

    private static String apply(final String html, final List<Edit> edits) {
        final StringBuilder out = new StringBuilder(html.length() + 512);
        int copied = 0;
        for (final Edit edit : edits) {
            out.append(html, copied, edit.start()).append(edit.text());
            copied = edit.end();
        }
        return out.append(html, copied, html.length()).toString();
    }
}
