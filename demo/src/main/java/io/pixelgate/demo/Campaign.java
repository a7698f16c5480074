package io.pixelgate.demo;

import io.pixelgate.events.SendCategory;
import java.util.List;
import java.util.Objects;

/**
 * A campaign the simulated send service runs.
 *
 * @param id       the campaign id
 * @param category what kind of email
 * @param variants its A/B variants; empty for none
 * @param subject  what the email is about, for its HTML
 * @param links    the links of its HTML, all to the shop
 */
public record Campaign(String id, SendCategory category, List<String> variants, String subject, List<String> links) {

    public Campaign {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        variants = List.copyOf(variants);
        Objects.requireNonNull(subject, "subject");
        links = List.copyOf(links);
    }

    /** The email's HTML body: a heading, a paragraph and the links, as a send service would write it. */
    public String html(final String profileId) {
        final StringBuilder html = new StringBuilder(512)
                .append("<html><body><h1>").append(subject).append("</h1>\n<p>Hello ").append(profileId)
                .append(", here is what is new.</p>\n<ul>\n");
        for (int i = 0; i < links.size(); i++) {
            html.append("<li><a href=\"").append(links.get(i)).append("\">Link ").append(i + 1).append("</a></li>\n");
        }
        return html.append("</ul>\n</body></html>").toString();
    }
}
