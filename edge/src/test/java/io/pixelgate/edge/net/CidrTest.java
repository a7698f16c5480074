package io.pixelgate.edge.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void containsTheAddressesOfItsRangeOnly() {
        final Cidr apple = Cidr.parse("17.0.0.0/8");

        assertThat(apple.contains(ip("17.58.23.201"))).isTrue();
        assertThat(apple.contains(ip("18.0.0.1"))).isFalse();
        assertThat(apple.contains(ip("::ffff:17.1.2.3"))).as("mapped IPv4").isTrue();
        assertThat(apple.contains(ip("2001:db8::17"))).as("other family").isFalse();
        assertThat(Cidr.parse("2001:db8::/32").contains(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(Cidr.parse("66.249.80.0/20").contains(ip("66.249.95.255"))).isTrue();
        assertThat(Cidr.parse("66.249.80.0/20").contains(ip("66.249.96.0"))).isFalse();
    }

    @Test
    void isWrittenInCanonicalFormAndABareAddressIsARangeOfOne() {
        assertThat(Cidr.parse("17.58.23.201/8")).hasToString("17.0.0.0/8");
        assertThat(Cidr.parse("127.0.0.1")).hasToString("127.0.0.1/32");
        assertThat(Cidr.parse("::1")).hasToString("::1/128");
        assertThat(Cidr.parse("2001:db8:1:2::/48")).hasToString("2001:db8:1::/48");
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("8.8.8.8"))).isTrue();
    }

    @Test
    void badRangesAreNamedInTheError() {
        assertThatThrownBy(() -> Cidr.parse("17.0.0.0/33")).hasMessageContaining("17.0.0.0/33").hasMessageContaining("0 to 32");
        assertThatThrownBy(() -> Cidr.parse("apple.com/8")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).hasMessageContaining("prefix length");
    }

    static InetAddress ip(final String text) {
        return IpLiteral.parse(text).orElseThrow();
    }
}
