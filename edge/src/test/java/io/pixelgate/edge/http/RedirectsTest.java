package io.pixelgate.edge.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedirectsTest {

    @Test
    void aTargetCannotSplitTheHeaderNorLeaveHttp() {
        assertThat(Redirects.location("https://shop.example/a?b=c")).hasValue("https://shop.example/a?b=c");
        // the line break goes; the space left between the two lines is not valid in a URL, so it is encoded
        assertThat(Redirects.location("https://shop.example/\r\nSet-Cookie: x=1"))
                .hasValue("https://shop.example/Set-Cookie:%20x=1");
        assertThat(Redirects.location("https://shop.example/\u0000")).isEmpty();
        assertThat(Redirects.location("\tjavascript:alert(1)")).isEmpty();
        assertThat(Redirects.location("HTTP://SHOP.EXAMPLE/")).hasValue("HTTP://SHOP.EXAMPLE/");
    }

    @Test
    void anIriBecomesAsciiWithAPunycodeHostAndUtf8Escapes() {
        assertThat(Redirects.location("https://exämple.org/ü?q=ä#frägment"))
                .hasValue("https://xn--exmple-cua.org/%C3%BC?q=%C3%A4#fr%C3%A4gment");
        assertThat(Redirects.location("http://пример.рф:8080/путь"))
                .hasValue("http://xn--e1afmkfd.xn--p1ai:8080/%D0%BF%D1%83%D1%82%D1%8C");
        assertThat(Redirects.location("https://shop.example/a b\"<>{}|^`[]\\"))
                .hasValue("https://shop.example/a%20b%22%3C%3E%7B%7D%7C%5E%60%5B%5D%5C");
    }

    @Test
    void escapesAlreadyThereAreKeptAndAStrayPercentIsEncoded() {
        assertThat(Redirects.location("https://shop.example/%C3%BC?q=100%&r=%zz#a#b"))
                .hasValue("https://shop.example/%C3%BC?q=100%25&r=%25zz#a%23b");
    }

    @Test
    void aTargetThatCannotBeAValidUrlHasNoLocation() {
        assertThat(Redirects.location("https://")).as("no host").isEmpty();
        assertThat(Redirects.location("https:///path")).as("empty host").isEmpty();
        assertThat(Redirects.location("https://shop.example:99999/")).as("port out of range").isEmpty();
        assertThat(Redirects.location("https://shop.example:8o/")).as("port not a number").isEmpty();
        assertThat(Redirects.location("https://shop.example\\@evil.example/")).as("backslash in the host").isEmpty();
        assertThat(Redirects.location("https://sho p.example/")).as("space in the host").isEmpty();
        assertThat(Redirects.location("https://straße.example/")).as("host IDNA 2003 and 2008 read apart").isEmpty();
        assertThat(Redirects.location("https://shop.example/\uD800")).as("lone surrogate").isEmpty();
        assertThat(Redirects.location("ftp://shop.example/")).isEmpty();
        assertThat(Redirects.location("https:shop.example")).isEmpty();
    }

    @Test
    void userInfoAndIpLiteralsAreKept() {
        assertThat(Redirects.location("https://ana:s3cr@t@[2001:db8::1]:8443/x"))
                .hasValue("https://ana:s3cr%40t@[2001:db8::1]:8443/x");
        assertThat(Redirects.location("http://192.0.2.7/")).hasValue("http://192.0.2.7/");
    }
}
