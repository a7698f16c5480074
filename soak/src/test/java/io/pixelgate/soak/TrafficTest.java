package io.pixelgate.soak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrafficTest {

    @Test
    void theTokenOfAPixelOrLinkUrlIsTheOneItsHitCarries() {
        assertThat(Traffic.tokenOf("http://localhost:8080/o/v1.AbC-_9.gif")).isEqualTo("v1.AbC-_9");
        assertThat(Traffic.tokenOf("http://localhost:8080/c/v1.XyZ")).isEqualTo("v1.XyZ");
    }
}
