package io.pixelgate.aggregator;

import io.pixelgate.platform.CommonSettings;
import io.pixelgate.testkit.TopologyPin;
import io.pixelgate.tokens.TokenKeys;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The aggregator's processor, store, changelog and repartition names cannot change by accident:
 * existing state is found by them after an upgrade. Regenerate the pinned text, when a change is
 * meant, with {@code ./mvnw -pl open-aggregator test -Dtest=AggregatorTopologyPinTest -Dpixelgate.topology.update=true}.
 */
class AggregatorTopologyPinTest {

    @Test
    void topologyIsDescribedAsPinned() {
        TopologyPin.check(new OpenAggregatorApplication(),
                Map.of(CommonSettings.TOKEN_KEYS.key(), TokenKeys.generate("k1").toConfigString()), "open-aggregator");
    }
}
