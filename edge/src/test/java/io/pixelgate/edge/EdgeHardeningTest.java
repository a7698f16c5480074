package io.pixelgate.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pixelgate.testkit.TestCluster;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The edge under clients that abuse HTTP itself: headers sent byte by byte (Slowloris), more
 * connections than it allows, request lines and headers too large. Real servers, raw sockets.
 */
class EdgeHardeningTest {

    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(1);

    @Test
    void aClientSendingItsHeadersByteByByteIsCutOff() throws IOException {
        try (TestEdge edge = withHeaderTimeout(); Socket socket = connect(edge)) {
            final OutputStream out = socket.getOutputStream();
            out.write("GET /health HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
            final long started = System.nanoTime();

            final boolean closed = dribbleUntilClosed(socket, "X-Slow: " + "a".repeat(100), Duration.ofSeconds(6));

            final long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            assertThat(closed).as("the edge closed the connection").isTrue();
            assertThat(elapsedMs).as("closed after, ms").isBetween(HEADER_TIMEOUT.toMillis() - 100, 4_000L);
            assertThat(metric(edge, "pixelgate_edge_connections_closed_total\\{reason=\"header-timeout\"}"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(edge.get("/health").statusCode()).as("a normal client is still served").isEqualTo(200);
        }
    }

    @Test
    void aKeepAliveConnectionMustSendItsNextHeadersInTimeToo() throws IOException {
        try (TestEdge edge = withHeaderTimeout(); Socket socket = connect(edge)) {
            final OutputStream out = socket.getOutputStream();
            out.write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readHead(socket)).startsWith("HTTP/1.1 200");

            assertThat(dribbleUntilClosed(socket, "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: aaaaaaaaaaaaaaaaaa",
                    Duration.ofSeconds(6))).as("closed while the second request's headers dribble in").isTrue();
        }
    }

    @Test
    void connectionsBeyondTheCapAreClosedAndCounted() throws IOException {
        try (TestEdge edge = TestEdge.start(Map.of(EdgeSettings.MAX_CONNECTIONS.key(), "2",
                EdgeSettings.HEADER_TIMEOUT.key(), "PT30S"), TestCluster.shared()::newRuntime)) {
            final List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    held.add(connect(edge));
                    held.get(i).getOutputStream().write("GET /health HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                await().atMost(Duration.ofSeconds(5)).until(() -> edge.server().openConnections() == 2);

                try (Socket third = connect(edge)) {
                    third.setSoTimeout(5_000);
                    assertThat(third.getInputStream().read()).as("the third connection is closed at once").isEqualTo(-1);
                }
            } finally {
                for (final Socket socket : held) {
                    socket.close();
                }
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> edge.server().openConnections() == 0);
            assertThat(metric(edge, "pixelgate_edge_connections_closed_total\\{reason=\"limit\"}")).isEqualTo(1);
        }
    }

    @Test
    void tooLongARequestLineIs414AndTooLargeHeadersAre431() throws IOException {
        try (TestEdge edge = TestEdge.start(Map.of(EdgeSettings.MAX_REQUEST_LINE.key(), "1024",
                EdgeSettings.MAX_HEADER_SIZE.key(), "2048"), TestCluster.shared()::newRuntime)) {
            assertThat(edge.get("/o/" + "A".repeat(1100) + ".gif").statusCode()).isEqualTo(414);
            assertThat(edge.get("/health", "X-Large", "b".repeat(3000)).statusCode()).isEqualTo(431);
            assertThat(edge.get("/o/" + "A".repeat(900) + ".gif").statusCode()).as("within the limits").isEqualTo(200);
        }
    }

    private static TestEdge withHeaderTimeout() {
        return TestEdge.start(Map.of(EdgeSettings.HEADER_TIMEOUT.key(), HEADER_TIMEOUT.toString()),
                TestCluster.shared()::newRuntime);
    }

    private static Socket connect(final TestEdge edge) throws IOException {
        final Socket socket = new Socket("localhost", edge.server().port());
        socket.setSoTimeout(200);
        return socket;
    }

    /** Sends {@code text} a byte every 100 ms; true once the edge closes the connection. */
    private static boolean dribbleUntilClosed(final Socket socket, final String text, final Duration atMost)
            throws IOException {
        final long deadline = System.nanoTime() + atMost.toNanos();
        final InputStream in = socket.getInputStream();
        for (int i = 0; System.nanoTime() < deadline; i = (i + 1) % text.length()) {
            try {
                socket.getOutputStream().write(text.charAt(i));
                socket.getOutputStream().flush();
            } catch (final IOException e) {
                return true; // reset by the edge
            }
            try {
                if (in.read() == -1) {
                    return true;
                }
            } catch (final SocketTimeoutException e) {
                // nothing to read yet: still open
            } catch (final IOException e) {
                return true;
            }
        }
        return false;
    }

    private static String readHead(final Socket socket) throws IOException {
        socket.setSoTimeout(5_000);
        final StringBuilder head = new StringBuilder();
        final InputStream in = socket.getInputStream();
        while (!head.toString().contains("\r\n\r\n")) {
            final int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        // and the body, whose length the head gives, so the next request starts clean
        final Matcher length = Pattern.compile("(?i)content-length: (\\d+)").matcher(head);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1)));
        }
        socket.setSoTimeout(200);
        return head.toString();
    }

    static long metric(final TestEdge edge, final String nameAndLabels) {
        final String text = new String(edge.get("/metrics").body(), StandardCharsets.UTF_8);
        final Matcher matcher = Pattern.compile("(?m)^" + nameAndLabels + " ([0-9.E]+)$").matcher(text);
        assertThat(matcher.find()).as(nameAndLabels + " in " + text).isTrue();
        return (long) Double.parseDouble(matcher.group(1));
    }
}
