package io.pixelgate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.platform.ops.AppHealth;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class StreamsAppHealthTest {

    @Test
    void readyOnlyWhenRunningAndAliveWhileRebalancingOrStarting() {
        assertThat(StreamsApp.health("a", State.RUNNING, false)).isEqualTo(new AppHealth("a", "RUNNING", true, true));
        assertThat(StreamsApp.health("a", State.REBALANCING, false)).isEqualTo(new AppHealth("a", "REBALANCING", true, false));
        assertThat(StreamsApp.health("a", State.CREATED, false).live()).isTrue();
    }

    @Test
    void deadWhenStreamsFailedOrStoppedWithoutBeingAsked() {
        assertThat(StreamsApp.health("a", State.ERROR, false).live()).isFalse();
        assertThat(StreamsApp.health("a", State.PENDING_ERROR, false).live()).isFalse();
        assertThat(StreamsApp.health("a", State.NOT_RUNNING, false).live()).isFalse();
        // a close that was asked for is a stop, not a death
        assertThat(StreamsApp.health("a", State.PENDING_SHUTDOWN, true).live()).isTrue();
        assertThat(StreamsApp.health("a", State.NOT_RUNNING, true)).isEqualTo(new AppHealth("a", "NOT_RUNNING", true, false));
    }
}
