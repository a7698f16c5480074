package io.pixelgate.edge.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A redirect's Location is a valid ASCII http(s) URL, or there is none (and the click is a 404). */
class RedirectsProperties {

    @Property(tries = 2000)
    void anyLocationIsAValidAsciiHttpUrl(@ForAll("targets") final String target) throws URISyntaxException {
        final Optional<String> location = Redirects.location(target);

        if (location.isPresent()) {
            assertThat(location.get()).matches("[\\x21-\\x7E]+");
            final URI uri = new URI(location.get());
            assertThat(uri.getScheme().toLowerCase(Locale.ROOT)).isIn("http", "https");
            assertThat(uri.getHost()).isNotNull();
        }
    }

    @Property(tries = 1000)
    void anIriKeepsItsHostPathAndQueryOnceDecoded(@ForAll("iris") final Iri iri) throws URISyntaxException {
        final Optional<String> location = Redirects.location(iri.text());

        assertThat(location).as(iri.text()).isPresent();
        assertThat(location.get()).matches("[\\x21-\\x7E]+");
        final URI uri = new URI(location.get());
        assertThat(uri.getHost()).isEqualTo(IDN.toASCII(iri.host()));
        assertThat(uri.getPath()).isEqualTo(iri.path());
        assertThat(uri.getQuery()).isEqualTo(iri.query());
    }

    @Property(tries = 500)
    void aUrlThatIsAlreadyValidAsciiIsLeftAsItIs(@ForAll("asciiUrls") final String url) {
        assertThat(Redirects.location(url)).hasValue(url);
    }

    @Provide
    Arbitrary<String> targets() {
        final Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(40);
        final Arbitrary<String> prefix = Arbitraries.of("https://", "http://", "HTTPS://", "https:/", "javascript:", "");
        final Arbitrary<String> iriLike = Arbitraries.strings().withCharRange(' ', '~')
                .withChars("äüßçπпр字\u200D\uD800\u0000\r\n\t%#@[]:\\").ofMaxLength(30);
        return Arbitraries.oneOf(anything, Combinators.combine(prefix, iriLike).as(String::concat));
    }

    @Provide
    Arbitrary<Iri> iris() {
        final Arbitrary<String> label = Arbitraries.strings().withChars("abcxyzäöüéçñпримерфσ字中文").ofMinLength(1)
                .ofMaxLength(8);
        final Arbitrary<String> host = label.list().ofMinSize(1).ofMaxSize(3)
                .map(labels -> String.join(".", labels) + ".example");
        // any character but the ones that shape a URL ('/', '?', '#', '%'), controls and surrogates
        final Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(10)
                .filter(s -> s.chars().noneMatch(c -> c < 0x20 || c == 0x7F || "/?#%".indexOf(c) >= 0
                        || Character.isSurrogate((char) c)));
        final Arbitrary<String> path = text.list().ofMaxSize(3).map(segments -> "/" + String.join("/", segments));
        final Arbitrary<String> query = text.injectNull(0.3);
        return Combinators.combine(Arbitraries.of("http", "https"), host, path, query).as(Iri::new)
                .filter(iri -> iri.path().strip().equals(iri.path()) && (iri.query() == null
                        || iri.query().strip().equals(iri.query())));
    }

    @Provide
    Arbitrary<String> asciiUrls() {
        final Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9')
                .ofMinLength(1).ofMaxLength(10);
        final Arbitrary<String> host = label.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(".", l) + ".example");
        final Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                        .withChars("-._~!$&'()*+,;=:@/").ofMinLength(1).ofMaxLength(6),
                Arbitraries.of("%C3%A4", "%20", "%2F", "%25"));
        final Arbitrary<String> path = piece.list().ofMaxSize(5).map(p -> "/" + String.join("", p));
        final Arbitrary<String> query = piece.list().ofMaxSize(4).map(p -> p.isEmpty() ? "" : "?" + String.join("", p));
        final Arbitrary<String> port = Arbitraries.integers().between(1, 65535).map(p -> ":" + p).injectNull(0.7)
                .map(p -> p == null ? "" : p);
        return Combinators.combine(Arbitraries.of("http://", "https://"), host, port, path, query)
                .as((scheme, h, p, pa, q) -> scheme + h + p + pa + q);
    }

    /** An IRI from its parts: host in Unicode, path and query as a person would write them. */
    record Iri(String scheme, String host, String path, String query) {
        String text() {
            return scheme + "://" + host + path + (query == null ? "" : "?" + query);
        }
    }
}
