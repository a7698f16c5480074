package io.pixelgate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryTest {

    @Test
    void theTrackedLinksAreTheEdgesClickUrlsInOrderAndNotThePreferencesLinkOrTheShopsOwn() {
        // given a rewritten email: two tracked links, untracked ones, the pixel and the preferences footer
        final String html = "<html><body><a href=\"http://localhost:8080/c/AAA\">one</a>"
                + "<a class=x HREF=\"http://localhost:8080/c/BBB?x=1&amp;y=2\">two</a>"
                + "<a href=\"https://shop.example/c/looks-alike\">three</a>"
                + "<a href=\"mailto:help@example.org\">mail</a>"
                + "<img src=\"http://localhost:8080/o/PIX.gif\">"
                + "<a href=\"http://localhost:8080/p/PREF\">Manage tracking</a></body></html>";

        // then the edge's click links are found, in order, unescaped
        assertThat(Delivery.trackedLinksIn(html, Delivery.baseOf("http://localhost:8080/p/PREF")))
                .containsExactly("http://localhost:8080/c/AAA", "http://localhost:8080/c/BBB?x=1&y=2");
    }

    @Test
    void anEmailWithoutHtmlOrWithoutTrackingHasNoTrackedLinks() {
        assertThat(Delivery.trackedLinksIn(null, "http://localhost:8080")).isEmpty();
        assertThat(Delivery.trackedLinksIn("<a href=\"http://localhost:8080/c/A\">a</a>", null)).isEmpty();
    }
}
