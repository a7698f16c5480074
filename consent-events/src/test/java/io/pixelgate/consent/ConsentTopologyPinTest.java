package io.pixelgate.consent;

import io.pixelgate.testkit.TopologyPin;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * consent-events' processor, store, changelog and repartition names cannot change by accident:
 * existing state is found by them after an upgrade. Regenerate the pinned text, when a change is
 * meant, with {@code ./mvnw -pl consent-events test -Dtest=ConsentTopologyPinTest -Dpixelgate.topology.update=true}.
 */
class ConsentTopologyPinTest {

    @Test
    void topologyIsDescribedAsPinned() {
        TopologyPin.check(new ConsentEventsApplication(), Map.of(), "consent-events");
    }
}
