package io.pixelgate.edge.net;

import static io.pixelgate.edge.net.CidrTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkClassifierTest {

    @Test
    void theMostSpecificRangeWins() {
        final NetworkClassifier classifier = new NetworkClassifier(List.of(
                new Network("wide", Cidr.parse("17.0.0.0/8")),
                new Network("narrow", Cidr.parse("17.58.0.0/16"))));

        assertThat(classifier.labelOf(ip("17.58.1.1"))).hasValue("narrow");
        assertThat(classifier.labelOf(ip("17.1.1.1"))).hasValue("wide");
        assertThat(classifier.labelOf(ip("203.0.113.1"))).isEmpty();
    }
}
