package io.pixelgate.edge.hits;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.edge.net.ClientFacts;
import io.pixelgate.events.Hit;
import io.pixelgate.events.HitKind;
import io.pixelgate.tokens.AnonymousPixel;
import io.pixelgate.tokens.CampaignIdentity;
import io.pixelgate.tokens.IdentifiedMode;
import io.pixelgate.tokens.Link;
import io.pixelgate.tokens.MessageIdentity;
import io.pixelgate.tokens.PersonalPixel;
import io.pixelgate.tokens.Pixel;
import io.pixelgate.tokens.Rejection;
import io.pixelgate.tokens.TokenResult;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HitsTest {

    private static final CampaignIdentity CAMPAIGN = new CampaignIdentity("spring", "B", "default");
    private static final MessageIdentity PERSONAL = new MessageIdentity("m-1", "p-42", CAMPAIGN, IdentifiedMode.PERSONAL, 1L);
    private static final MessageIdentity DELIVERABILITY =
            new MessageIdentity("m-2", "p-43", CAMPAIGN, IdentifiedMode.DELIVERABILITY, 1L);

    @Test
    void aHitGoesToThePartitionOfWhatItCountsFor() {
        assertThat(Hits.keyOf(TokenResult.<Pixel>valid(new PersonalPixel(PERSONAL)))).isEqualTo("p-42");
        assertThat(Hits.keyOf(TokenResult.<Pixel>valid(new PersonalPixel(DELIVERABILITY)))).isEqualTo("p-43");
        assertThat(Hits.keyOf(TokenResult.<Pixel>valid(new AnonymousPixel(CAMPAIGN)))).isEqualTo("spring");
        assertThat(Hits.keyOf(TokenResult.<Pixel>rejected(Rejection.FORGED))).isEqualTo(Hits.INVALID_KEY);
        assertThat(Hits.keyOf(new Link(PERSONAL, 0, "https://a.example/"))).isEqualTo("p-42");
        assertThat(Hits.keyOf(new Link(CAMPAIGN, 0, "https://a.example/"))).isEqualTo("spring");
    }

    @Test
    void aHitKeepsTheTokenAsReceivedAndACutUserAgent() {
        final Hit hit = Hits.hit(HitKind.OPEN, "any token", Instant.ofEpochMilli(1_000), "x".repeat(2_000),
                new ClientFacts("apple-mpp", "17.1.2.0/24"));

        assertThat(hit.getToken()).isEqualTo("any token");
        assertThat(hit.getUserAgent()).hasSize(Hits.MAX_USER_AGENT_LENGTH);
        assertThat(hit.getNetwork()).isEqualTo("apple-mpp");
        assertThat(hit.getIpPrefix()).isEqualTo("17.1.2.0/24");
        assertThat(Hits.hit(HitKind.CLICK, "t", Instant.EPOCH, null, ClientFacts.UNKNOWN).getUserAgent()).isNull();
    }

    @Test
    void hitIdsAreVersion4UuidsAndUnique() {
        final Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            final String id = Hits.newHitId();
            assertThat(UUID.fromString(id).version()).isEqualTo(4);
            assertThat(UUID.fromString(id).variant()).isEqualTo(2);
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }
}
