package io.pixelgate.enricher.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds, without changing or re-serialising anything, where the rewriter may act: the
 * {@code href} of every complete {@code <a>} start tag, and the last {@code </body>} end tag.
 * It scans as a browser's tokenizer would, roughly: markup inside comments, scripts, styles and
 * other raw-text elements is not markup; a conditional comment ({@code <!--[if mso]>}) is scanned
 * inside, because Outlook renders it. Any string is accepted; on broken markup the worst outcome
 * is a link left alone.
 */
final class HtmlScanner {

    /** Elements whose content is text up to their end tag, never tags. */
    private static final Set<String> RAW_TEXT = Set.of("script", "style", "title", "textarea", "xmp", "iframe",
            "noembed", "noframes");

    /**
     * @param hrefs   the {@code href} values of {@code <a>} tags, in document order
     * @param bodyEnd the index of the last {@code </body>}, or -1 when there is none
     */
    record Scan(List<Tag.ValueSpan> hrefs, int bodyEnd) {
    }

    private HtmlScanner() {
    }

    static Scan scan(final String html) {
        final List<Tag.ValueSpan> hrefs = new ArrayList<>();
        int bodyEnd = -1;
        int at = html.indexOf('<');
        while (at >= 0) {
            final Markup markup = markupAt(html, at);
            markup.href().ifPresent(hrefs::add);
            bodyEnd = markup.isBodyEnd() ? at : bodyEnd;
            at = markup.next() < html.length() ? html.indexOf('<', markup.next()) : -1;
        }
        return new Scan(List.copyOf(hrefs), bodyEnd);
    }

    /** What starts at one {@code <}, and where scanning goes on. */
    private record Markup(int next, Optional<Tag.ValueSpan> href, boolean isBodyEnd) {

        static Markup skipTo(final int next) {
            return new Markup(next, Optional.empty(), false);
        }
    }

    private static Markup markupAt(final String html, final int at) {
        if (html.startsWith("<!--", at)) {
            return Markup.skipTo(commentEnd(html, at));
        }
        final boolean endTag = html.startsWith("</", at);
        if (html.startsWith("<!", at) || html.startsWith("<?", at) || (endTag && !isTagStart(html, at + 2))) {
            return Markup.skipTo(bogusCommentEnd(html, at));
        }
        if (endTag) {
            final Tag tag = Tag.read(html, at + 2);
            return new Markup(tag.end() < 0 ? html.length() : tag.end(), Optional.empty(), tag.name().equals("body"));
        }
        if (isTagStart(html, at + 1)) {
            return startTag(html, Tag.read(html, at + 1));
        }
        return Markup.skipTo(at + 1);
    }

    private static Markup startTag(final String html, final Tag tag) {
        if (tag.end() < 0) {
            return Markup.skipTo(html.length()); // the HTML ends inside the tag: a browser drops it
        }
        if (RAW_TEXT.contains(tag.name())) {
            return Markup.skipTo(rawTextEnd(html, tag.end(), tag.name()));
        }
        if (tag.name().equals("plaintext")) {
            return Markup.skipTo(html.length());
        }
        return new Markup(tag.end(), tag.name().equals("a") ? tag.href() : Optional.empty(), false);
    }

    private static boolean isTagStart(final String html, final int nameStart) {
        return nameStart < html.length() && Ascii.isAlpha(html.charAt(nameStart));
    }

    /** Where a comment ends: after {@code -->} or {@code --!>}; {@code <!-->} and {@code <!--->} are whole. */
    private static int commentEnd(final String html, final int at) {
        if (Ascii.regionMatchesIgnoreCase(html, at + 4, "[if")) {
            return at + 4; // conditional comment: its content is HTML for Outlook
        }
        if (html.startsWith(">", at + 4) || html.startsWith("->", at + 4)) {
            return html.indexOf('>', at + 4) + 1;
        }
        int dashes = html.indexOf("--", at + 4);
        while (dashes >= 0) {
            if (html.startsWith(">", dashes + 2) || html.startsWith("!>", dashes + 2)) {
                return html.indexOf('>', dashes) + 1;
            }
            dashes = html.indexOf("--", dashes + 1);
        }
        return html.length();
    }

    private static int bogusCommentEnd(final String html, final int at) {
        final int close = html.indexOf('>', at + 2);
        return close < 0 ? html.length() : close + 1;
    }

    /** The index of the raw-text element's end tag ({@code </script} then space, / or >), or the end. */
    private static int rawTextEnd(final String html, final int from, final String name) {
        int at = html.indexOf("</", from);
        while (at >= 0) {
            final int after = at + 2 + name.length();
            final boolean named = Ascii.regionMatchesIgnoreCase(html, at + 2, name);
            if (named && after < html.length() && Tag.endsName(html.charAt(after))) {
                return at;
            }
            at = html.indexOf("</", at + 2);
        }
        return html.length();
    }
}
