package io.pixelgate.edge.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

    @Test
    void readsIpv4Ipv6AndTheFormsProxiesWrite() {
        assertThat(IpLiteral.parse("203.0.113.7").map(InetAddress::getHostAddress)).hasValue("203.0.113.7");
        assertThat(IpLiteral.parse(" 203.0.113.7:8443 ").map(InetAddress::getHostAddress)).hasValue("203.0.113.7");
        assertThat(IpLiteral.parse("2001:db8::1").map(InetAddress::getHostAddress)).hasValue("2001:db8:0:0:0:0:0:1");
        assertThat(IpLiteral.parse("[2001:db8::1]:443").map(InetAddress::getHostAddress)).hasValue("2001:db8:0:0:0:0:0:1");
        assertThat(IpLiteral.parse("[2001:db8::1]").map(InetAddress::getHostAddress)).hasValue("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void ipv4MappedIpv6IsIpv4() {
        assertThat(IpLiteral.parse("::ffff:17.58.1.2")).get().isInstanceOf(Inet4Address.class)
                .extracting(InetAddress::getHostAddress).isEqualTo("17.58.1.2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "example.org", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.-4", "01234.1.1.1",
        "1.2.3.4:", "1.2.3.4:99999999", "2001:db8::1%eth0", "[2001:db8::1", "[2001:db8::1]x", "unknown", "::g", "1.2.3.4 5"})
    void anythingElseIsNoAddressAndNeverALookup(final String text) {
        assertThat(IpLiteral.parse(text)).isEmpty();
    }
}
