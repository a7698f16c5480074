package io.pixelgate.registry;

import java.net.URI;
import java.util.Set;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.UriBuilder;
import javax.ws.rs.ext.Provider;

/**
 * Serves Apicurio's Confluent-compatible API at the root as well, where the Confluent Schema
 * Registry has it ({@code /subjects}, {@code /schemas/ids/1}, ...), so that clients and health
 * checks written for Confluent's image ({@code curl http://schema-registry:8081/subjects}) work
 * against this one unchanged. Apicurio answers only under {@code /apis/ccompat/v7}; a request whose
 * first path segment is one of Confluent's resources is routed there before matching. Apicurio's
 * own paths ({@code /apis}, {@code /ui}, {@code /health}, ...) share no first segment with them.
 */
@Provider
@PreMatching
public final class ConfluentRootPaths implements ContainerRequestFilter {

    static final String CCOMPAT_API = "/apis/ccompat/v7";
    /** The Confluent Schema Registry's resources (its REST API reference, v7). */
    static final Set<String> CONFLUENT_RESOURCES =
            Set.of("subjects", "schemas", "config", "compatibility", "mode", "contexts", "exporters");

    @Override
    public void filter(final ContainerRequestContext request) {
        final URI uri = request.getUriInfo().getRequestUri();
        final String path = uri.getRawPath();
        if (path != null && CONFLUENT_RESOURCES.contains(firstSegment(path))) {
            request.setRequestUri(UriBuilder.fromUri(uri).replacePath(CCOMPAT_API + path).build());
        }
    }

    private static String firstSegment(final String path) {
        final String relative = path.startsWith("/") ? path.substring(1) : path;
        final int slash = relative.indexOf('/');
        return slash < 0 ? relative : relative.substring(0, slash);
    }
}
