/**
 * HTML rewriting for tracked sends: {@link io.pixelgate.enricher.html.HtmlRewriter#rewrite} adds the
 * pixel, the preferences footer link and click-tracked links, leaving everything else byte for
 * byte as it came. No Kafka types (the JDK and the shared HTML escaping only): a pure function
 * tested directly and with properties.
 */
package io.pixelgate.enricher.html;
