package io.pixelgate.edge.http;

import java.time.Duration;

/**
 * What one client may ask of the HTTP servers.
 *
 * @param headerTimeout  how long a connection may take to send a request's headers, counted from
 *                       when it opened or from the previous answer; then it is closed (Slowloris)
 * @param maxConnections the most connections open at once on this edge instance; beyond it a new
 *                       connection is closed at once
 * @param maxRequestLine the longest request line (method, path with its token, version); longer is a 414
 * @param maxHeaderSize  the most bytes of headers; more is a 431
 */
public record HttpLimits(Duration headerTimeout, int maxConnections, int maxRequestLine, int maxHeaderSize) {
}
