package io.pixelgate.edge.http;

import io.pixelgate.edge.net.ClientAddressResolver;
import io.pixelgate.edge.net.ClientFacts;
import io.pixelgate.edge.net.IpLiteral;
import io.pixelgate.edge.net.NetworkClassifier;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/** Reads what the edge keeps of a request's client address ({@link ClientFacts}) from Vert.x. */
final class ClientFactsReader {

    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private final ClientAddressResolver resolver;
    private final NetworkClassifier classifier;

    ClientFactsReader(final ClientAddressResolver resolver, final NetworkClassifier classifier) {
        this.resolver = resolver;
        this.classifier = classifier;
    }

    ClientFacts read(final HttpServerRequest request) {
        final SocketAddress remote = request.remoteAddress();
        final Optional<InetAddress> peer = remote == null ? Optional.empty() : IpLiteral.parse(remote.hostAddress());
        final List<String> forwardedFor = request.headers().getAll(FORWARDED_FOR);
        return ClientFacts.derive(resolver, classifier, peer, forwardedFor);
    }
}
