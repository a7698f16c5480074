package io.pixelgate.edge.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.edge.hits.Hits;
import io.pixelgate.events.Hit;
import io.pixelgate.events.HitKind;
import io.pixelgate.schemas.Topics;
import io.pixelgate.schemas.registry.InMemorySchemaRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** No full client address ever leaves the edge (issue: "Full client IPs never land in Kafka"). */
class ClientPrivacyProperties {

    private static final Topics TOPICS = Topics.create("p.", 1000, new InMemorySchemaRegistry());
    private static final ClientAddressResolver TRUST_LOOPBACK = new ClientAddressResolver(List.of(Cidr.parse("127.0.0.0/8")));
    private static final NetworkClassifier APPLE = new NetworkClassifier(List.of(new Network("apple-mpp", Cidr.parse("17.0.0.0/8"))));

    @Property(tries = 300)
    void thePrefixIsTheClientsNetworkWithEveryHostBitCleared(@ForAll("addresses") final InetAddress client) {
        final String prefix = IpPrefix.of(client);

        final Cidr range = Cidr.parse(prefix);
        assertThat(range.prefixLength()).isEqualTo(client.getAddress().length == 4 ? 24 : 48);
        assertThat(range.contains(client)).isTrue();
        assertThat(range).hasToString(prefix);
    }

    @Property(tries = 300)
    void theStoredHitNeverHoldsTheClientAddress(@ForAll("addresses") final InetAddress client,
                                                @ForAll("userAgents") final String userAgent) {
        Assume.that(hasHostBits(client));
        final ClientFacts facts = ClientFacts.derive(TRUST_LOOPBACK, APPLE, Optional.of(loopback()),
                List.of(client.getHostAddress()));
        final Hit hit = Hits.hit(HitKind.OPEN, "token", Instant.EPOCH, userAgent, facts);

        final String stored = new String(TOPICS.openHits().valueSerde().encode(TOPICS.openHits().name(), hit),
                StandardCharsets.ISO_8859_1);

        assertThat(facts.ipPrefix()).isEqualTo(IpPrefix.of(client));
        assertThat(stored).doesNotContain(client.getHostAddress()).doesNotContain(compressed(client));
        assertThat(facts.network()).isEqualTo(Cidr.parse("17.0.0.0/8").contains(client) ? "apple-mpp" : null);
    }

    @Property(tries = 200)
    void anUntrustedPeerCannotPretendToBeSomeoneElse(@ForAll("addresses") final InetAddress peer,
                                                     @ForAll("headers") final String forwardedFor) {
        Assume.that(!Cidr.parse("127.0.0.0/8").contains(peer));

        assertThat(TRUST_LOOPBACK.resolve(Optional.of(peer), List.of(forwardedFor))).hasValue(peer);
    }

    @Provide
    Arbitrary<InetAddress> addresses() {
        final Arbitrary<InetAddress> v4 = Arbitraries.bytes().array(byte[].class).ofSize(4).map(ClientPrivacyProperties::of);
        final Arbitrary<InetAddress> apple = Arbitraries.bytes().array(byte[].class).ofSize(3)
                .map(rest -> of(new byte[] {17, rest[0], rest[1], rest[2]}));
        final Arbitrary<InetAddress> v6 = Arbitraries.bytes().array(byte[].class).ofSize(16)
                .filter(bytes -> !isMappedOrCompatible(bytes)).map(ClientPrivacyProperties::of);
        return Arbitraries.oneOf(v4, apple, v6);
    }

    @Provide
    Arbitrary<String> userAgents() {
        return Arbitraries.oneOf(Arbitraries.just("Mozilla/5.0"), Arbitraries.just(null),
                Arbitraries.strings().ofMaxLength(40));
    }

    @Provide
    Arbitrary<String> headers() {
        return Arbitraries.oneOf(Arbitraries.just("17.1.2.3"), Arbitraries.just("10.0.0.1, 66.249.80.1"),
                Arbitraries.strings().withChars("0123456789abcdef.:, []").ofMaxLength(40));
    }

    private static boolean hasHostBits(final InetAddress address) {
        final byte[] bytes = address.getAddress();
        for (int i = bytes.length == 4 ? 3 : 6; i < bytes.length; i++) {
            if (bytes[i] != 0) {
                return true;
            }
        }
        return false;
    }

    /** ::ffff:a.b.c.d and ::a.b.c.d come out of Java as IPv4; the IPv4 generator covers those. */
    private static boolean isMappedOrCompatible(final byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The short way of writing the address (RFC 5952 for IPv6), as a log or a proxy might. */
    private static String compressed(final InetAddress address) {
        final byte[] bytes = address.getAddress();
        final String written = IpPrefix.format(bytes, bytes.length * 8);
        return written.substring(0, written.indexOf('/'));
    }

    private static InetAddress loopback() {
        return of(new byte[] {127, 0, 0, 1});
    }

    private static InetAddress of(final byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (final UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
