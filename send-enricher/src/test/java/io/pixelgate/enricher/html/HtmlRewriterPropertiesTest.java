package io.pixelgate.enricher.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class HtmlRewriterPropertiesTest {

    /** Never generated, so every occurrence in the output was put there by the rewriter. */
    private static final char MARK = '\uE000';
    private static final String PIXEL = "https://t.test/o/" + MARK + "pixel.gif?a=1&b=2";
    private static final String PREFERENCES = "https://t.test/p/" + MARK + "prefs";
    private static final Pattern TRACKED = Pattern.compile("([\"'])https://t\\.test/c/" + MARK + "(\\d+)" + MARK + "\\1");

    /** Every insertion; links become marked URLs, and the targets they were made for are kept in order. */
    private static Insertions everything(final List<String> targets) {
        return new Insertions(PIXEL, PREFERENCES, (index, url) -> {
            targets.add(url);
            return "https://t.test/c/" + MARK + index + MARK;
        });
    }

    @Property(tries = 2000)
    void pixelAndFooterAreInsertedExactlyOnce(@ForAll("htmlish") final String html) {
        // given
        final Insertions everything = everything(new ArrayList<>());

        // when
        final String rewritten = HtmlRewriter.rewrite(html, everything);

        // then
        assertThat(occurrences(rewritten, HtmlRewriter.insertion(everything))).isEqualTo(1);
        assertThat(occurrences(rewritten, PIXEL.replace("&", "&amp;"))).isEqualTo(1);
    }

    @Property(tries = 2000)
    void htmlOutsideTheInsertionsIsUnchanged(@ForAll("htmlish") final String html) {
        // given
        final List<String> targets = new ArrayList<>();
        final Insertions everything = everything(targets);
        final String rewritten = HtmlRewriter.rewrite(html, everything);

        // when: the insertion removed, each tracked href stands for whatever the original had there
        final String withoutInsertion = rewritten.replace(HtmlRewriter.insertion(everything), "");
        final Matcher original = alignmentOf(withoutInsertion).matcher(html);

        // then: the rest is the original, and each tracked href replaced the link it was made for
        assertThat(original.matches()).as("aligned with the original").isTrue();
        assertThat(original.groupCount()).isEqualTo(targets.size());
        for (int i = 1; i <= original.groupCount(); i++) {
            assertThat(LinkTargets.trackable(unquoted(original.group(i)), PREFERENCES)).contains(targets.get(i - 1));
        }
    }

    @Property(tries = 2000)
    void onlyHttpLinksAreEverRewritten(@ForAll("htmlish") final String html) {
        // given
        final List<String> targets = new ArrayList<>();

        // when
        final String rewritten = HtmlRewriter.rewrite(html, everything(targets));

        // then
        assertThat(targets).allSatisfy(url -> assertThat(url.toLowerCase(Locale.ROOT)).matches("(?s)https?://.*"));
        assertThat(targets).doesNotContain(PREFERENCES);
        for (final String kept : List.of("mailto:", "tel:", "#top", "/relative")) {
            assertThat(occurrences(rewritten, kept)).isGreaterThanOrEqualTo(occurrences(html, kept));
        }
    }

    @Property
    void everyHttpLinkOfAWellFormedMessageIsTracked(@ForAll("wellFormedLinks") final List<Tuple.Tuple2<String, String>> links,
            @ForAll("plainText") final String text) {
        // given: each link as written, and where it goes
        final StringBuilder html = new StringBuilder("<html><body>");
        links.forEach(link -> html.append(text).append(link.get1()).append(text).append("</a>"));
        final List<String> targets = new ArrayList<>();

        // when
        HtmlRewriter.rewrite(html.append("</body></html>").toString(), everything(targets));

        // then
        assertThat(targets).containsExactlyElementsOf(links.stream().map(Tuple.Tuple2::get2).toList());
    }

    @Property(tries = 2000)
    void anyStringAtAllIsAnswered(@ForAll final String anything) {
        // when
        final String rewritten = HtmlRewriter.rewrite(anything, everything(new ArrayList<>()));

        // then
        assertThat(rewritten.length()).isGreaterThanOrEqualTo(anything.length());
    }

    @Provide
    Arbitrary<String> htmlish() {
        final Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("<html>", "<body>", "</body>", "</BODY >", "</html>", "<p>", "</a>", "text ",
                        "<!--", "-->", "<!--[if mso]>", "<![endif]-->", "<script>", "</script>", "<style>", "</style>",
                        "<title>", "<img src=x alt='>'>", "<a", " href=", "\"", "'", "<", ">", "=", "&", "&amp;",
                        "&#x41;", "&copy", "&lt;", "</", "<!DOCTYPE html>", "\n", " ", "é", "\u0000")),
                Tuple.of(4, anchors()),
                Tuple.of(2, Arbitraries.strings().all().excludeChars(MARK).ofMaxLength(6)),
                Tuple.of(2, Arbitraries.strings().withChars("<>/\"'=&#;!- \tahrefbodyAHREFBODY").ofMaxLength(10)));
        return piece.list().ofMaxSize(40).map(pieces -> String.join("", pieces));
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<String, String>>> wellFormedLinks() {
        final Arbitrary<Tuple.Tuple2<String, String>> urls = Arbitraries.of(
                Tuple.of("https://shop.example/", "https://shop.example/"),
                Tuple.of("http://x.test/a?b=1&amp;c=2", "http://x.test/a?b=1&c=2"),
                Tuple.of("HTTPS://UP.TEST/p/q/", "HTTPS://UP.TEST/p/q/"),
                Tuple.of(" https://spaced.test/?a=&#x2F;&#47; ", "https://spaced.test/?a=//"),
                Tuple.of("https://q.test/?a=1&copy=2", "https://q.test/?a=1&copy=2"),
                Tuple.of("https://u.test/été", "https://u.test/été"));
        final Arbitrary<String> tags = Arbitraries.of("a", "A");
        final Arbitrary<String> names = Arbitraries.of("href", "HREF");
        final Arbitrary<String> quotes = Arbitraries.of("\"", "'", "");
        final Arbitrary<String> before = Arbitraries.of("", " class=\"btn\"", " title='a > b'", " target=_blank");
        return Combinators.combine(tags, before, names, quotes, urls)
                .as((tag, attributes, name, quote, url) -> Tuple.of(
                        "<" + tag + attributes + " " + name + "=" + quote + unquotable(url.get1(), quote) + quote + ">",
                        url.get2().strip()))
                .list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<String> plainText() {
        return Arbitraries.strings().all().excludeChars('<', '&', MARK).ofMaxLength(20);
    }

    /** An unquoted value ends at whitespace: write it without the surrounding spaces. */
    private static String unquotable(final String url, final String quote) {
        return quote.isEmpty() ? url.strip() : url;
    }

    private Arbitrary<String> anchors() {
        final Arbitrary<String> urls = Arbitraries.of("https://shop.example/", "http://x.test/a?b=1&amp;c=2",
                "HTTPS://UP.TEST/", "  https://spaced.test/  ", "mailto:a@b.test", "tel:+331", "#top", "/relative",
                "https://p.test/&copy;", "https://e.test/&#x3C;&#128;", PREFERENCES.replace(MARK, 'x'), PREFERENCES,
                "javascript:alert(1)", "https://q.test/\"x", "https://r.test/a b", "");
        return Combinators.combine(Arbitraries.of("a", "A"), Arbitraries.of("href", "HREF", "hReF", "title"),
                Arbitraries.of("\"", "'", ""), urls, Arbitraries.of(">", " >", "/>", " class=x>", ""))
                .as((tag, name, quote, url, end) -> "<" + tag + " " + name + "=" + quote + url + quote + end);
    }

    /** A pattern matching the original: the output's text literally, each tracked href a group. */
    private static Pattern alignmentOf(final String rewritten) {
        final StringBuilder regex = new StringBuilder();
        final Matcher tracked = TRACKED.matcher(rewritten);
        int copied = 0;
        while (tracked.find()) {
            regex.append(Pattern.quote(rewritten.substring(copied, tracked.start()))).append("(.*?)");
            copied = tracked.end();
        }
        regex.append(Pattern.quote(rewritten.substring(copied)));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static String unquoted(final String value) {
        final boolean quoted = value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0);
        return quoted ? value.substring(1, value.length() - 1) : value;
    }

    private static int occurrences(final String text, final String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
