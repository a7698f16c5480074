/**
 * HTML rewriting for tracked sends: {@link io.pixelgate.enricher.html.HtmlRewriter#rewrite} adds the
 * pixel, the preferences footer link and click-tracked links, leaving everything else byte for
 * byte as it came. JDK only, no Kafka types: a pure function tested directly and with properties.
 */
package io.pixelgate.enricher.html;
