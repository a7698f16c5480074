package io.pixelgate.demo;

import java.time.Duration;
import java.util.Objects;

/**
 * One request a recipient's client (or a machine on its behalf) will make to the edge.
 *
 * @param after  how long after delivery
 * @param action what it does
 * @param url    the URL it requests
 * @param by     who makes it
 */
public record PlannedHit(Duration after, Action action, String url, Requester by) {

    /** What a request does. */
    public enum Action {
        /** {@code GET} the pixel. */
        OPEN,
        /** {@code GET} a tracked link, not following the redirect. */
        CLICK,
        /** {@code GET} the preferences page and nothing more (what a scanner does). */
        VIEW_PREFERENCES,
        /** {@code GET} the preferences page, then post its withdraw form back with the page's cookie. */
        WITHDRAW
    }

    public PlannedHit {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(by, "by");
        if (after.isNegative()) {
            throw new IllegalArgumentException("a hit cannot come before delivery: " + after);
        }
    }
}
