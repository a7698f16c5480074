package io.pixelgate.edge.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrackingPathsTest {

    @Test
    void onlyOneSegmentEndingInDotGifUnderOIsAPixel() {
        assertThat(TrackingHandlers.pixelToken("/o/AbC-_9.gif")).isEqualTo("AbC-_9");
        assertThat(TrackingHandlers.pixelToken("/o/%41.gif")).as("as sent, not decoded").isEqualTo("%41");
        assertThat(TrackingHandlers.pixelToken("/o/.gif")).isNull();
        assertThat(TrackingHandlers.pixelToken("/o/abc")).isNull();
        assertThat(TrackingHandlers.pixelToken("/o/a/b.gif")).isNull();
        assertThat(TrackingHandlers.pixelToken("/c/abc.gif")).isNull();
        assertThat(TrackingHandlers.pixelToken("/o/")).isNull();
    }
}
