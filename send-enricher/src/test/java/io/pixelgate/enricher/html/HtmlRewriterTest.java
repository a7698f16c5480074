package io.pixelgate.enricher.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlRewriterTest {

    private static final String PIXEL = "https://t.example/o/TOKEN.gif";
    private static final String PREFERENCES = "https://t.example/p/PREFS";
    private static final String PIXEL_TAG = "<img src=\"https://t.example/o/TOKEN.gif\" width=\"1\" height=\"1\" alt=\"\""
            + " border=\"0\" style=\"display:block;width:1px;height:1px;border:0;margin:0;padding:0\">";
    private static final String FOOTER = "<div style=\"margin:16px 0;font-size:12px;line-height:16px;text-align:center\">"
            + "<a href=\"https://t.example/p/PREFS\" style=\"color:#6b6b6b\">Email tracking preferences</a></div>";

    private final List<String> tracked = new ArrayList<>();
    private final LinkRewriter recording = (index, url) -> {
        tracked.add(index + " " + url);
        return "https://t.example/c/" + index;
    };

    @Test
    void pixelAndFooterGoJustBeforeTheLastBodyEndTag() {
        // given
        final String html = "<html><body>Hi</body>\n<!-- </body> --></BODY ></html>";

        // when
        final String rewritten = HtmlRewriter.rewrite(html, new Insertions(PIXEL, PREFERENCES, null));

        // then
        assertThat(rewritten).isEqualTo("<html><body>Hi</body>\n<!-- </body> -->" + PIXEL_TAG + FOOTER + "</BODY ></html>");
    }

    @Test
    void pixelIsAppendedWhenThereIsNoBodyEndTag() {
        // when
        final String rewritten = HtmlRewriter.rewrite("<p>Hi</p>", new Insertions(PIXEL, null, null));

        // then
        assertThat(rewritten).isEqualTo("<p>Hi</p>" + PIXEL_TAG);
    }

    @Test
    void bodyEndTagInsideScriptOrCommentIsNotTheInsertionPoint() {
        // given
        final String html = "<body>x</body><script>'</body>'</script><!-- </body> -->";

        // when
        final String rewritten = HtmlRewriter.rewrite(html, new Insertions(PIXEL, null, null));

        // then
        assertThat(rewritten).isEqualTo("<body>x" + PIXEL_TAG + "</body><script>'</body>'</script><!-- </body> -->");
    }

    @Test
    void httpLinksBecomeTrackedInDocumentOrderWhateverTheirCaseOrQuotes() {
        // given
        final String html = "<a href=\"https://a.example/\">A</a> <A HREF='http://b.example/x'>B</A>"
                + " <a class=x hReF = https://c.example/?q=1>C</a>";

        // when
        final String rewritten = HtmlRewriter.rewrite(html, new Insertions(null, null, recording));

        // then
        assertThat(tracked).containsExactly("0 https://a.example/", "1 http://b.example/x", "2 https://c.example/?q=1");
        assertThat(rewritten).isEqualTo("<a href=\"https://t.example/c/0\">A</a> <A HREF='https://t.example/c/1'>B</A>"
                + " <a class=x hReF = \"https://t.example/c/2\">C</a>");
    }

    @Test
    void characterReferencesInHrefAreDecodedBeforeTrackingAndTrackedUrlsAreEscaped() {
        // given
        final String html = "<a href=\"https://a.example/?x=1&amp;y=2&#38;z=3&#x26;w=&lt;4 \n\">A</a>";
        final LinkRewriter withAmpersand = (index, url) -> {
            tracked.add(url);
            return "https://t.example/c/T?i=" + index + "&q=\"'<>";
        };

        // when
        final String rewritten = HtmlRewriter.rewrite(html, new Insertions(null, null, withAmpersand));

        // then
        assertThat(tracked).containsExactly("https://a.example/?x=1&y=2&z=3&w=<4");
        assertThat(rewritten).isEqualTo("<a href=\"https://t.example/c/T?i=0&amp;q=&quot;&#39;&lt;&gt;\">A</a>");
    }

    @Test
    void mailtoTelAnchorsRelativeOtherSchemesAndThePreferencesLinkAreLeftAlone() {
        // given
        final String html = "<a href=\"mailto:ana@example.org\">m</a><a href='tel:+33123'>t</a><a href=#top>a</a>"
                + "<a href=\"/relative\">r</a><a href=\"javascript:void(0)\">j</a><a href=\"" + PREFERENCES + "\">p</a>"
                + "<a href=\"https:&#47;/odd.example\">o</a><a href=\"httpſ://long-s.example\">s</a>";

        // when
        final String rewritten = HtmlRewriter.rewrite(html, new Insertions(null, PREFERENCES, recording));

        // then
        assertThat(tracked).containsExactly("0 https://odd.example");
        assertThat(rewritten).isEqualTo(html.replace("https:&#47;/odd.example", "https://t.example/c/0") + FOOTER);
    }

    @Test
    void linksInCommentsScriptsAndStylesAreNotLinksButInOutlookConditionalCommentsTheyAre() {
        // given
        final String html = "<!-- <a href=\"https://comment.example\"> --><script>\"<a href='https://script.example'>\""
                + "</script><style>/* <a href=https://style.example> */</style>"
                + "<!--[if mso]><a href=\"https://outlook.example\">o</a><![endif]-->"
                + "<!--><a href=https://after-empty-comment.example>e</a><!-- -- --!><a href=https://after-bang.example>";

        // when
        HtmlRewriter.rewrite(html, new Insertions(null, null, recording));

        // then
        assertThat(tracked).containsExactly("0 https://outlook.example", "1 https://after-empty-comment.example",
                "2 https://after-bang.example");
    }

    @Test
    void onlyTheFirstHrefOfATagCountsAndAQuotedGreaterThanDoesNotEndTheTag() {
        // given
        final String html = "<a href=\"#x\" href=\"https://second.example\">1</a>"
                + "<a title=\"a > b\" href=\"https://after-title.example\">2</a><img alt='x' href=\"https://img.example\">";

        // when
        HtmlRewriter.rewrite(html, new Insertions(null, null, recording));

        // then
        assertThat(tracked).containsExactly("0 https://after-title.example");
    }

    @Test
    void linksStayWhenClickTrackingIsOffOrTheRewriterDeclines() {
        // given
        final String html = "<body><a href=\"https://a.example/\">A</a></body>";

        // when
        final String withoutClickTracking = HtmlRewriter.rewrite(html, new Insertions(PIXEL, null, null));
        final String declined = HtmlRewriter.rewrite(html, new Insertions(null, null, (index, url) -> null));

        // then
        assertThat(withoutClickTracking).isEqualTo("<body><a href=\"https://a.example/\">A</a>" + PIXEL_TAG + "</body>");
        assertThat(declined).isEqualTo(html);
    }

    @Test
    void undecidableCharacterReferenceLeavesTheLinkAlone() {
        // given
        final String html = "<a href=\"https://a.example/?c=&copy;\">A</a><a href=\"https://b.example/?x&copy\">B</a>"
                + "<a href=\"https://c.example/?a=1&copy=2&b=3\">C</a>";

        // when
        HtmlRewriter.rewrite(html, new Insertions(null, null, recording));

        // then
        assertThat(tracked).containsExactly("0 https://c.example/?a=1&copy=2&b=3");
    }

    @Test
    void nothingToInsertLeavesTheHtmlUntouched() {
        // given
        final String html = "<html><body><a href=\"https://a.example/\">A</a></body></html>";

        // when / then
        assertThat(HtmlRewriter.rewrite(html, new Insertions(null, null, null))).isEqualTo(html);
    }

    @Test
    void insertedUrlsAndFooterTextAreEscaped() {
        // given
        final Insertions insertions = new Insertions("https://t.example/o/x.gif?a=1&b=\"2\"", "https://t.example/p/<x>", null)
                .withPreferencesText("Préférences & <suivi>");

        // when
        final String rewritten = HtmlRewriter.rewrite("", insertions);

        // then
        assertThat(rewritten)
                .contains("src=\"https://t.example/o/x.gif?a=1&amp;b=&quot;2&quot;\"")
                .contains("href=\"https://t.example/p/&lt;x&gt;\"")
                .contains(">Préférences &amp; &lt;suivi&gt;</a>");
    }

    @Test
    void brokenHtmlNeverThrowsAndAtWorstLeavesLinksAlone() {
        // given
        final List<String> broken = List.of("", "<", "<<<>>>", "<a", "<a href=\"https://x.example", "</", "</body",
                "<!--", "<!---->", "<script>", "<a href='https://y.example'", "&#99999999999;", "\u0000\uFFFF\uD800",
                "<a href=\"https://z.example/&#x110000;&#0;&#;\">", "<a =x href>", "<a href=>", "<!DOCTYPE", "<?xml");

        for (final String html : broken) {
            // when / then
            assertThatCode(() -> HtmlRewriter.rewrite(html, new Insertions(PIXEL, PREFERENCES, recording)))
                    .as(html).doesNotThrowAnyException();
        }
        assertThat(tracked).containsExactly("0 https://z.example/\uFFFD\uFFFD&#;");
    }
}
