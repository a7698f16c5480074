package io.pixelgate.enricher.html;

/** Turns one link of a message into its tracked click URL. */
@FunctionalInterface
public interface LinkRewriter {

    /**
     * @param linkIndex the link's position among the message's trackable links, from 0, in document order
     * @param targetUrl where the link goes, as a browser would follow it: character references
     *                  decoded, surrounding whitespace removed; always starts with http:// or https://
     * @return the URL to put in its place, or null to leave this link exactly as it is (for example
     *         when the target is too long for a token); an exception thrown here is not caught
     */
    String trackedUrl(int linkIndex, String targetUrl);
}
