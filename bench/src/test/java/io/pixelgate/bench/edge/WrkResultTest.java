package io.pixelgate.bench.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WrkResultTest {

    private static final String OUTPUT = """
            Running 15s test @ http://127.0.0.1:41234/o/abc.gif
              2 threads and 50 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     1.02ms  650.31us  28.40ms   91.20%
                Req/Sec    24.51k     2.10k   30.12k    72.67%
              Latency Distribution
                 50%  845.00us
                 75%    1.20ms
                 90%    1.61ms
                 99%    3.48ms
              731877 requests in 15.00s, 95.62MB read
              Socket errors: connect 0, read 2, write 0, timeout 1
              Non-2xx or 3xx responses: 4
            Requests/sec:  48791.80
            Transfer/sec:      6.37MB
            """;

    @Test
    void readsRateLatenciesAndErrors() {
        final WrkResult result = WrkResult.parse(OUTPUT);

        assertThat(result.requests()).isEqualTo(731_877);
        assertThat(result.requestsPerSecond()).isEqualTo(48_791.80);
        assertThat(result.p50Ms()).isEqualTo(0.845);
        assertThat(result.p99Ms()).isEqualTo(3.48);
        assertThat(result.non2xx()).isEqualTo(4);
        assertThat(result.socketErrors()).isEqualTo(3);
    }

    @Test
    void outputWithoutTheLatencyDistributionSaysToAskForIt() {
        assertThatThrownBy(() -> WrkResult.parse(OUTPUT.replace("99%", "98%")))
                .hasMessageContaining("--latency");
    }
}
