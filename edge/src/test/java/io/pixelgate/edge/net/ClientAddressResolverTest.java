package io.pixelgate.edge.net;

import static io.pixelgate.edge.net.CidrTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientAddressResolverTest {

    private final ClientAddressResolver resolver = new ClientAddressResolver(
            List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("127.0.0.1/32")));

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        assertThat(resolve("198.51.100.9", "17.1.2.3")).hasValue("198.51.100.9");
    }

    @Test
    void aTrustedProxyNamesTheClient() {
        assertThat(resolve("127.0.0.1", "17.1.2.3")).hasValue("17.1.2.3");
    }

    @Test
    void theChainIsFollowedThroughTrustedProxiesOnlyFromTheRight() {
        // the client wrote "17.1.2.3" itself; 198.51.100.9 is who connected to our first proxy
        assertThat(resolve("127.0.0.1", "17.1.2.3, 198.51.100.9, 10.1.1.1")).hasValue("198.51.100.9");
    }

    @Test
    void severalHeadersReadAsOneChain() {
        assertThat(resolver.resolve(Optional.of(ip("127.0.0.1")), List.of("17.1.2.3", "198.51.100.9, 10.2.2.2"))
                .map(InetAddress::getHostAddress)).hasValue("198.51.100.9");
    }

    @Test
    void garbageInTheChainStopsAtTheLastTrustedHop() {
        assertThat(resolve("127.0.0.1", "17.1.2.3, unknown, 10.1.1.1")).hasValue("10.1.1.1");
    }

    @Test
    void aChainOfTrustedProxiesOnlyEndsAtItsFirstEntry() {
        assertThat(resolve("127.0.0.1", "10.3.3.3, 10.1.1.1")).hasValue("10.3.3.3");
    }

    @Test
    void noPeerNoAddress() {
        assertThat(resolver.resolve(Optional.empty(), List.of("17.1.2.3"))).isEmpty();
    }

    private Optional<String> resolve(final String peer, final String forwardedFor) {
        return resolver.resolve(Optional.of(ip(peer)), List.of(forwardedFor)).map(InetAddress::getHostAddress);
    }
}
