package io.pixelgate.edge.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedirectsTest {

    @Test
    void aTargetCannotSplitTheHeaderNorLeaveHttp() {
        assertThat(Redirects.location("https://shop.example/a?b=c")).hasValue("https://shop.example/a?b=c");
        assertThat(Redirects.location("https://shop.example/\r\nSet-Cookie: x=1")).hasValue("https://shop.example/Set-Cookie: x=1");
        assertThat(Redirects.location("https://shop.example/\u0000")).isEmpty();
        assertThat(Redirects.location("\tjavascript:alert(1)")).isEmpty();
        assertThat(Redirects.location("HTTP://SHOP.EXAMPLE/")).hasValue("HTTP://SHOP.EXAMPLE/");
    }
}
