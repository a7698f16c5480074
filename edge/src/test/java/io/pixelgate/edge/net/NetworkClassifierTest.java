package io.pixelgate.edge.net;

import static io.pixelgate.edge.net.CidrTest.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aPublishedListOfFiftyThousandRangesReadsAndAnswersEachAddress(@TempDir final Path dir) throws IOException {
        // given a list in Apple's egress format: 50,000 IPv4 /27 ranges and an IPv6 one
        final StringBuilder list = new StringBuilder("# a comment\n\n");
        for (int i = 0; i < 50_000; i++) {
            list.append("172.").append(224 + i / 2048).append('.').append(i / 8 % 256).append('.')
                    .append(i % 8 * 32).append("/27,GB,GB-EN,London,\n");
        }
        list.append("2a02:26f7:b3c0:4000::/64,GB,GB-EN,London,\n");
        final Path file = Files.writeString(dir.resolve("egress-ip-ranges.csv"), list);

        final List<Network> relay = NetworkLists.read("apple-private-relay", file);
        final NetworkClassifier classifier = new NetworkClassifier(relay);

        assertThat(relay).hasSize(50_001);
        assertThat(classifier.size()).isEqualTo(50_001);
        assertThat(classifier.labelOf(ip("172.224.0.31"))).hasValue("apple-private-relay");
        assertThat(classifier.labelOf(ip("172.230.26.200"))).hasValue("apple-private-relay");
        assertThat(classifier.labelOf(ip("172.249.0.1"))).as("past the last range").isEmpty();
        assertThat(classifier.labelOf(ip("2a02:26f7:b3c0:4000::17"))).hasValue("apple-private-relay");
        assertThat(classifier.labelOf(ip("2a02:26f7:b3c0:4001::17"))).isEmpty();
        final long start = System.nanoTime();
        int found = 0;
        for (int i = 0; i < 200_000; i++) {
            found += classifier.labelOf(ip("172." + (224 + i % 7) + ".1." + i % 256)).isPresent() ? 1 : 0;
        }
        System.out.printf("50,001 ranges: %.0f ns to parse an address and look it up (200,000 lookups, %d found)%n",
                (System.nanoTime() - start) / 200_000.0, found);
    }

    @Test
    void aBadLineNamesTheFileAndTheLine(@TempDir final Path dir) throws IOException {
        final Path file = Files.writeString(dir.resolve("list.csv"), "17.0.0.0/8\nnot-a-range,GB\n");

        assertThatThrownBy(() -> NetworkLists.read("x", file))
                .hasMessageContaining("list.csv line 2").hasMessageContaining("not-a-range");
    }
}
