package io.pixelgate.demo;

import io.pixelgate.events.SendCategory;
import java.util.List;

/**
 * The simulated send service's campaigns. Marketing campaigns run one after the other, each to the
 * whole population; most have two variants, A and B, whose subject lines differ (B's gets more
 * opens, A's readers click a little more, see {@link Recipients}). Order confirmations and the
 * consent request go out alongside.
 */
public final class Campaigns {

    /** Transactional email, sent to random recipients all along. */
    public static final Campaign ORDER_CONFIRMATION = new Campaign("order-confirm", SendCategory.TRANSACTIONAL,
            List.of(), "Your order is confirmed", List.of("https://shop.example/orders/latest",
            "https://shop.example/help/delivery"));
    /** The email asking for tracking consent: it never carries tracking (SPEC.md section 1, rule 1). */
    public static final Campaign CONSENT_REQUEST = new Campaign("consent-request", SendCategory.CONSENT_REQUEST,
            List.of(), "May we measure whether you read our emails?", List.of("https://shop.example/preferences"));

    private static final List<String> AB = List.of("A", "B");
    private static final List<Campaign> MARKETING = List.of(
            marketing("autumn-sale", AB, "Autumn sale: up to 40% off"),
            marketing("new-arrivals", AB, "New arrivals this week"),
            marketing("loyalty-points", List.of(), "Your loyalty points are waiting"),
            marketing("black-friday", AB, "Black Friday starts now"),
            marketing("gift-guide", AB, "The gift guide"),
            marketing("winter-preview", List.of(), "A first look at winter"));

    private Campaigns() {
    }

    /**
     * The {@code n}-th marketing campaign (from 0): the list above, then again with a round
     * suffix ({@code autumn-sale-2}, ...) for a demo that runs long.
     */
    public static Campaign marketing(final int n) {
        final Campaign base = MARKETING.get(n % MARKETING.size());
        final int round = n / MARKETING.size();
        return round == 0 ? base : new Campaign(base.id() + "-" + (round + 1), base.category(), base.variants(),
                base.subject(), base.links());
    }

    private static Campaign marketing(final String id, final List<String> variants, final String subject) {
        return new Campaign(id, SendCategory.MARKETING, variants, subject, List.of(
                "https://shop.example/campaigns/" + id,
                "https://shop.example/products/" + id + "-bestseller",
                "https://shop.example/stores"));
    }
}
