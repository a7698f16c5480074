package io.pixelgate.tokens;

import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generated claims of every kind, with ids from empty to unicode junk, for property tests. */
final class ClaimsArbitraries {

    private ClaimsArbitraries() {
    }

    static Arbitrary<Claims> claims() {
        return Arbitraries.oneOf(personalPixels(), anonymousPixels(), links(), preferences());
    }

    static Arbitrary<Claims> personalPixels() {
        return messages().map(PersonalPixel::new);
    }

    static Arbitrary<Claims> anonymousPixels() {
        return campaigns().map(AnonymousPixel::new);
    }

    static Arbitrary<Claims> links() {
        final Arbitrary<SendIdentity> sends = Arbitraries.oneOf(messages(), campaigns());
        final Arbitrary<String> urls = ids().map(path -> "https://shop.example/" + path);
        return Combinators.combine(sends, Arbitraries.integers().greaterOrEqual(0), urls).as(Link::new);
    }

    static Arbitrary<Claims> preferences() {
        return Combinators.combine(ids(), ids()).as(Preferences::new);
    }

    static Arbitrary<MessageIdentity> messages() {
        return Combinators.combine(ids(), ids(), campaigns(), Arbitraries.of(IdentifiedMode.class), Arbitraries.longs())
                .as(MessageIdentity::new);
    }

    static Arbitrary<CampaignIdentity> campaigns() {
        return Combinators.combine(ids(), ids().injectNull(0.3), ids()).as(CampaignIdentity::new);
    }

    /** Ids as they come: empty, short, UUIDs, unicode including lone surrogates. */
    static Arbitrary<String> ids() {
        return Arbitraries.oneOf(
                Arbitraries.just(""),
                Arbitraries.strings().alpha().numeric().withChars("-_.:").ofMaxLength(24),
                Arbitraries.create(() -> UUID.randomUUID().toString()),
                Arbitraries.strings().all().ofMaxLength(12));
    }

    /** Ids long and distinctive enough that finding one by chance in random bytes is impossible. */
    static Arbitrary<String> distinctiveIds() {
        return Arbitraries.strings().alpha().numeric().ofLength(12).map(id -> "id-" + id);
    }
}
