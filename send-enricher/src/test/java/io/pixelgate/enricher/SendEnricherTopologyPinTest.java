package io.pixelgate.enricher;

import io.pixelgate.platform.CommonSettings;
import io.pixelgate.testkit.TopologyPin;
import io.pixelgate.tokens.TokenKeys;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The send-enricher's processor, store, changelog and repartition names cannot change by accident:
 * existing state is found by them after an upgrade. Regenerate the pinned texts, when a change is
 * meant, with {@code ./mvnw -pl send-enricher test -Dtest=SendEnricherTopologyPinTest -Dpixelgate.topology.update=true}.
 */
class SendEnricherTopologyPinTest {

    @Test
    void topologyIsDescribedAsPinned() {
        TopologyPin.check(new SendEnricherApplication(), settings(), "send-enricher");
    }

    /** A join grace adds a buffer to the join: a topology of its own. */
    @Test
    void topologyWithAJoinGraceIsDescribedAsPinned() {
        final Map<String, String> settings = settings();
        settings.put(EnricherSettings.JOIN_GRACE.key(), "PT5S");
        TopologyPin.check(new SendEnricherApplication(), settings, "send-enricher-join-grace");
    }

    /**
     * With send-requests and consent-state of one partition count, sends keyed by profileId in place
     * join without the shuffle: the join's sub-topology then reads send-requests too.
     */
    @Test
    void topologyJoiningSendsInPlaceIsDescribedAsPinned() {
        TopologyPin.check(new SendEnricherApplication(), settings(), settings -> settings.withSendsInPlace(3),
                "send-enricher-in-place");
    }

    private static Map<String, String> settings() {
        final Map<String, String> settings = new HashMap<>();
        settings.put(CommonSettings.TOKEN_KEYS.key(), TokenKeys.generate("k1").toConfigString());
        settings.put(CommonSettings.EDGE_PUBLIC_URL.key(), Fixtures.EDGE);
        return settings;
    }
}
